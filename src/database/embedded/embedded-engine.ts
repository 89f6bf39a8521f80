import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { ensureFerretDbBinary, EngineUnavailableError } from './ferretdb-binary';
import { findFreePort } from './free-port';
import { WireRelay } from './wire-relay';

const READY_TIMEOUT_MS = 20_000;

/**
 * FerretDB with its SQLite backend on a free loopback port, behind a serializing relay. `stop()` and
 * `start()` can be called again on the same instance: the engine comes back on the same port and data,
 * which lets tests take the database away from a running service and give it back.
 */
export class EmbeddedEngine {
  private process?: ChildProcess;
  private relay?: WireRelay;
  private enginePort?: number;
  private relayPort?: number;
  private stderrTail = '';

  constructor(private readonly dataDir: string) {}

  static async launch(dataDir: string): Promise<EmbeddedEngine> {
    const engine = new EmbeddedEngine(resolve(dataDir));
    await engine.start();
    return engine;
  }

  /** The address clients use: the relay, never FerretDB directly. */
  uri(database: string): string {
    if (this.relayPort === undefined) throw new Error('embedded engine not started');
    return `mongodb://127.0.0.1:${this.relayPort}/${database}`;
  }

  async start(): Promise<void> {
    const binary = await ensureFerretDbBinary();
    mkdirSync(this.dataDir, { recursive: true });
    this.enginePort ??= await findFreePort();
    this.stderrTail = '';
    const child = spawn(
      binary,
      [
        '--handler=sqlite',
        `--sqlite-url=file:${this.dataDir}/`,
        `--listen-addr=127.0.0.1:${this.enginePort}`,
        '--debug-addr=-',
        '--state-dir=-',
        '--telemetry=disable',
        '--log-level=warn',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-4000);
    });
    this.process = child;
    // An engine must not outlive the service that started it, even when the service exits abruptly.
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    child.once('exit', () => process.off('exit', killOnExit));
    await this.waitUntilReady(child);
    if (!this.relay) {
      this.relay = new WireRelay(this.enginePort);
      this.relayPort = await this.relay.listen();
    }
  }

  /** Stops FerretDB but keeps the relay's port, so clients see a database outage, not a new address. */
  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  }

  async shutdown(): Promise<void> {
    await this.stop();
    await this.relay?.close();
    this.relay = undefined;
  }

  private async waitUntilReady(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        throw new EngineUnavailableError(`FerretDB exited with code ${child.exitCode}: ${this.stderrTail.trim()}`);
      }
      if (await canConnect(this.enginePort!)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    throw new EngineUnavailableError(`FerretDB did not accept connections within ${READY_TIMEOUT_MS} ms`);
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
