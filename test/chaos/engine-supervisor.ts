import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { TcpProxy } from './tcp-proxy';

const START_TIMEOUT_MS = 60_000;

/**
 * The engine as its own process (engine-process.ts) behind the harness's fixed-port proxy. Stopping it
 * (SIGTERM) and starting it again on the same data folder is the "database outage" fault; holding every
 * byte at the proxy for a few seconds is the "black hole" fault.
 */
export class EngineSupervisor {
  private child?: ChildProcess;
  private readonly proxy: TcpProxy;

  constructor(
    private readonly dataDir: string,
    private readonly logDir: string,
    private readonly proxyPort: number,
  ) {
    this.proxy = new TcpProxy(proxyPort);
  }

  /** What instances and the checker connect to: the proxy, which outlives engine restarts. */
  get uri(): string {
    return `mongodb://127.0.0.1:${this.proxyPort}/booking`;
  }

  get pid(): number | undefined {
    const child = this.child;
    return child && child.exitCode === null && child.signalCode === null ? child.pid : undefined;
  }

  async start(): Promise<void> {
    if (!this.child) await this.proxy.listen();
    await this.spawnEngine();
  }

  async stop(): Promise<void> {
    this.proxy.setUpstream(undefined);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    });
  }

  async restart(downtimeMs: number): Promise<void> {
    await this.stop();
    await new Promise((r) => setTimeout(r, downtimeMs));
    await this.spawnEngine();
  }

  /** The engine stops answering for `ms` without closing a connection (nor refusing a new one), then carries on. */
  async blackHole(ms: number): Promise<void> {
    this.proxy.setBlackHole(true);
    try {
      await new Promise((r) => setTimeout(r, ms));
    } finally {
      this.proxy.setBlackHole(false);
    }
  }

  async shutdown(): Promise<void> {
    await this.stop();
    await this.proxy.close();
  }

  private async spawnEngine(): Promise<void> {
    const entry = join(__dirname, 'engine-process.ts');
    const child = spawn(
      process.execPath,
      [require.resolve('ts-node/dist/bin'), '--transpile-only', entry, this.dataDir],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    child.stderr?.pipe(createWriteStream(join(this.logDir, 'engine.log'), { flags: 'a' }));
    const relayPort = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('engine process did not report its URI in time')),
        START_TIMEOUT_MS,
      );
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /ENGINE_URI mongodb:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`engine process exited with code ${code} (see ${this.logDir}/engine.log)`));
      });
    });
    this.proxy.setUpstream(relayPort);
  }
}
