import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '../src/dev-engine/free-port';

const READY_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 15_000;
const TAIL_LINES = 40;

/**
 * The built service (`dist/main.js`) in a process of its own, on the embedded engine in a fresh DATA_DIR.
 * It runs in its own process group, so stopping it also stops the FerretDB it spawned, and a Ctrl-C
 * aimed at the bench does not kill it before the bench has cleaned up.
 */
export class ServiceProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private readonly tail: string[] = [];

  private constructor(
    readonly baseUrl: string,
    private readonly dataDir: string,
  ) {}

  /** Spawns the service; waitUntilHealthy says when it answers. */
  static async launch(repoRoot: string): Promise<ServiceProcess> {
    const port = await findFreePort();
    const service = new ServiceProcess(`http://127.0.0.1:${port}`, mkdtempSync(join(tmpdir(), 'bench-http-')));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      DATA_DIR: service.dataDir,
      LOG_LEVEL: 'warn',
      JOBS_CRON_ENABLED: 'false',
      // The maxima: no lock or booking may expire while a pool made before a round waits for it.
      LOCK_TTL_SECONDS: '86400',
      BOOKING_TTL_SECONDS: '604800',
    };
    // The bench measures the embedded engine; a MONGODB_URI from the shell would point it elsewhere.
    delete env.MONGODB_URI;
    service.startChild(repoRoot, env);
    return service;
  }

  /** The service's last output lines, to show why it failed. */
  recentOutput(): string {
    return this.tail.join('\n');
  }

  /** SIGTERM to the group (the service closes the engine on it), SIGKILL if it lingers; then the data goes. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      const forced = setTimeout(() => signalGroup(child, 'SIGKILL'), STOP_GRACE_MS);
      signalGroup(child, 'SIGTERM');
      await this.exited;
      clearTimeout(forced);
    }
    this.child = undefined;
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** For process 'exit', where nothing asynchronous runs any more. */
  killNow(): void {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null)
      signalGroup(this.child, 'SIGKILL');
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private startChild(repoRoot: string, env: NodeJS.ProcessEnv): void {
    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd: repoRoot,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      this.tail.push(
        ...chunk
          .toString()
          .split('\n')
          .filter((line) => line.trim() !== ''),
      );
      this.tail.splice(0, Math.max(0, this.tail.length - TAIL_LINES));
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((done) => child.once('exit', () => done()));
    this.child = child;
  }

  async waitUntilHealthy(): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const child = this.child!;
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `the service exited (${child.exitCode ?? child.signalCode}) while starting:\n${this.recentOutput()}`,
        );
      }
      const healthy = await fetch(`${this.baseUrl}/health`, { signal: AbortSignal.timeout(2000) })
        .then((response) => response.status === 200)
        .catch(() => false);
      if (healthy) return;
      await new Promise((resume) => setTimeout(resume, 250));
    }
    throw new Error(`the service was not healthy within ${READY_TIMEOUT_MS / 1000} s:\n${this.recentOutput()}`);
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // The group is already gone.
  }
}
