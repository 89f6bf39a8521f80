import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pinoHttp } from 'pino-http';
import { loadConfig } from '../config/app-config';
import { pinoHttpOptions } from './pino-http-options';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLW9mLWFsaWNl';

describe('pinoHttpOptions', () => {
  let server: Server;
  const lines: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = pinoHttp({ ...pinoHttpOptions(loadConfig({ LOG_LEVEL: 'trace' })) }, sink);
    server = createServer((req, res) => {
      log(req, res);
      req.log.info({ req }, 'handled');
      res.setHeader('Set-Cookie', `session=${TOKEN}`);
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('logs the request without its Authorization header, cookies or bearer token', async () => {
    await new Promise<void>((resolve, reject) => {
      const { port } = server.address() as AddressInfo;
      request(
        { port, host: '127.0.0.1', path: '/api/locks', headers: { Authorization: `Bearer ${TOKEN}`, Cookie: TOKEN } },
        (res) => {
          res.resume();
          res.on('end', resolve);
        },
      )
        .on('error', reject)
        .end();
    });
    await new Promise((resolve) => setImmediate(resolve));

    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.join('\n')).toContain('/api/locks');
    for (const line of lines) expect(line).not.toContain(TOKEN.split('.')[2]);
  });
});
