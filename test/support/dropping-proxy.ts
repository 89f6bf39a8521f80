import { createServer, request as forward, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DroppingProxy {
  /** Where clients connect instead of the app. */
  url: string;
  /** The next request to `METHOD /path` (query ignored) reaches the app, but its answer is never delivered. */
  dropNextAnswer(method: string, path: string): void;
  /** The requests whose answers were dropped, as `METHOD /path`. */
  dropped: string[];
  close(): Promise<void>;
}

/**
 * A loopback proxy in front of the app that can lose an answer the way a network does: the request is
 * forwarded and fully handled (the app has answered), then the client's connection is cut instead of
 * the answer being written. The client cannot tell whether its write happened.
 */
export async function startDroppingProxy(target: string): Promise<DroppingProxy> {
  const armed: string[] = [];
  const dropped: string[] = [];
  const routeOf = (req: IncomingMessage) => `${req.method} ${new URL(req.url ?? '/', target).pathname}`;

  const server = createServer((req, res) => {
    const body: Buffer[] = [];
    req.on('data', (chunk: Buffer) => body.push(chunk));
    req.on('end', () => {
      const upstream = forward(
        new URL(req.url ?? '/', target),
        { method: req.method, headers: req.headers },
        (answer) => {
          const answered: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => answered.push(chunk));
          answer.on('end', () => {
            const route = routeOf(req);
            const armedAt = armed.indexOf(route);
            if (armedAt >= 0) {
              armed.splice(armedAt, 1);
              dropped.push(route);
              req.socket.destroy();
              return;
            }
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(Buffer.concat(answered));
          });
        },
      );
      upstream.on('error', () => req.socket.destroy());
      upstream.end(Buffer.concat(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    dropNextAnswer: (method, path) => armed.push(`${method} ${path}`),
    dropped,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
