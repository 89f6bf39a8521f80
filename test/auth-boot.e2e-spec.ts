import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** Starts src/main.ts as `npm start` would run dist/main.js, with exactly `env`; answers its exit and stderr. */
function boot(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const root = join(__dirname, '..');
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

describe('Identity at boot (e2e)', () => {
  it('refuses to start in production without AUTH_ISSUER, with one line naming it', async () => {
    const { code, stderr } = await boot({ NODE_ENV: 'production', PORT: '0', LOG_LEVEL: 'silent' });

    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('AUTH_ISSUER:');
    expect(stderr).toContain('AUTH_DISABLED=true');
  });

  it('refuses an AUTH_ISSUER without AUTH_AUDIENCE, naming AUTH_AUDIENCE', async () => {
    const { code, stderr } = await boot({ NODE_ENV: 'production', AUTH_ISSUER: 'https://id.example.com' });

    expect(code).toBe(1);
    expect(stderr).toContain('AUTH_AUDIENCE:');
  });
});
