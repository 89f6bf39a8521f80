import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join, resolve } from 'node:path';

const READY_TIMEOUT_MS = 30_000;
const MAIN = resolve(__dirname, '../../dist/main.js');

export type InstanceState = 'running' | 'killed' | 'paused';

/** One service instance: `node dist/main.js` on its own port, which the faults kill, pause, skew and restart. */
export class ServiceInstance {
  private child?: ChildProcess;
  state: InstanceState = 'killed';
  /** CLOCK_OFFSET_MS of the next start: the clock-skew fault runs an instance ahead or behind its twins. */
  clockOffsetMs = 0;

  constructor(
    readonly index: number,
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly logDir: string,
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The live process's id; undefined once it has exited. */
  get pid(): number | undefined {
    const child = this.child;
    return child && child.exitCode === null && child.signalCode === null ? child.pid : undefined;
  }

  async start(): Promise<void> {
    const log = createWriteStream(join(this.logDir, `instance-${this.index}.log`), { flags: 'a' });
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, ...this.env, PORT: String(this.port), CLOCK_OFFSET_MS: String(this.clockOffsetMs) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.child = child;
    this.state = 'running';
    await this.waitUntilHealthy(child);
  }

  /** SIGKILL: no shutdown hooks, requests in flight die with it. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    if (this.state === 'paused') child.kill('SIGCONT');
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGKILL');
    });
    this.state = 'killed';
  }

  /** SIGSTOP: the process keeps its sockets and claims but does nothing, like a long GC pause or a frozen VM. */
  pause(): void {
    this.child?.kill('SIGSTOP');
    this.state = 'paused';
  }

  resume(): void {
    this.child?.kill('SIGCONT');
    this.state = 'running';
  }

  async healthy(): Promise<boolean> {
    try {
      const res = await fetch(`${this.baseUrl}/health`, { signal: AbortSignal.timeout(2000) });
      return res.status === 200;
    } catch {
      return false;
    }
  }

  private async waitUntilHealthy(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null)
        throw new Error(`instance ${this.index} exited with code ${child.exitCode} (see its log)`);
      if (await this.healthy()) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`instance ${this.index} not healthy within ${READY_TIMEOUT_MS} ms`);
  }
}
