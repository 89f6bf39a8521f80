import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { spawnSupervised, type SupervisedEngine } from './engine-supervisor';
import { EngineUnavailableError } from '../database/development-engine';
import { ensureFerretDbBinary } from './ferretdb-binary';
import { findFreePort } from './free-port';
import { WireRelay } from './wire-relay';

const READY_TIMEOUT_MS = 20_000;

/**
 * FerretDB with its SQLite backend on a free loopback port, behind a serializing relay. `stop()` and
 * `start()` can be called again on the same instance: the engine comes back on the same port and data,
 * which lets tests take the database away from a running service and give it back. FerretDB runs under a
 * supervisor that kills it when this process ends, however it ends.
 */
export class EmbeddedEngine {
  private engine?: SupervisedEngine;
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
    const engine = spawnSupervised(binary, [
      '--handler=sqlite',
      `--sqlite-url=file:${this.dataDir}/`,
      `--listen-addr=127.0.0.1:${this.enginePort}`,
      '--debug-addr=-',
      '--state-dir=-',
      '--telemetry=disable',
      '--log-level=warn',
    ]);
    engine.process.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-4000);
    });
    this.engine = engine;
    await this.waitUntilReady(engine);
    if (!this.relay) {
      this.relay = new WireRelay(this.enginePort);
      this.relayPort = await this.relay.listen();
    }
  }

  /** FerretDB's own pid (not its supervisor's) while it runs. */
  async enginePid(): Promise<number | undefined> {
    return this.engine?.enginePid;
  }

  /** Stops FerretDB but keeps the relay's port, so clients see a database outage, not a new address. */
  async stop(): Promise<void> {
    const engine = this.engine;
    this.engine = undefined;
    if (!engine || hasExited(engine)) return;
    const child = engine.process;
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGTERM');
      setTimeout(() => engine.abandon(), 5000).unref();
    });
  }

  /**
   * The relay goes first: FerretDB gives every open connection three seconds to finish before it exits, so
   * stopped while the relay still held its upstream connections, it waited out those seconds at every stop.
   */
  async shutdown(): Promise<void> {
    await this.relay?.close();
    this.relay = undefined;
    await this.stop();
  }

  private async waitUntilReady(engine: SupervisedEngine): Promise<void> {
    const child = engine.process;
    // Time elapsed in this process, not a time of day: the monotonic clock, which no clock step moves.
    const deadline = performance.now() + READY_TIMEOUT_MS;
    while (performance.now() < deadline) {
      if (hasExited(engine)) {
        throw new EngineUnavailableError(`FerretDB exited with code ${child.exitCode}: ${this.stderrTail.trim()}`);
      }
      if (await canConnect(this.enginePort!)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    engine.abandon();
    throw new EngineUnavailableError(`FerretDB did not accept connections within ${READY_TIMEOUT_MS} ms`);
  }
}

function hasExited({ process }: SupervisedEngine): boolean {
  return process.exitCode !== null || process.signalCode !== null;
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
