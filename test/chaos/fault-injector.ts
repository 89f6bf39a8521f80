import type { EngineSupervisor } from './engine-supervisor';
import type { ServiceInstance } from './instance-supervisor';
import type { Prng } from './prng';

export type FaultKind = 'kill' | 'pause' | 'engine';

export interface FaultCounts {
  kill: number;
  pause: number;
  engine: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Injects one fault at a time while the workload runs, each undone before the next: an instance
 * SIGKILLed and restarted on its port, an instance SIGSTOPped past the idempotency lease (so a twin
 * takes over its keys) and then continued, the engine stopped and started again on its data.
 * The first three faults are one of each, so even a short run exercises all of them.
 */
export class FaultInjector {
  readonly counts: FaultCounts = { kill: 0, pause: 0, engine: 0 };
  private stopped = false;
  private loop?: Promise<void>;
  readonly log: string[] = [];

  constructor(
    private readonly instances: ServiceInstance[],
    private readonly engine: EngineSupervisor,
    private readonly rng: Prng,
    private readonly intervalMs: number,
    private readonly pauseMs: number,
  ) {}

  start(): void {
    this.loop = this.run();
  }

  /** Stops injecting and waits until the fault in progress has been undone. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  private async run(): Promise<void> {
    const opening: FaultKind[] = ['kill', 'pause', 'engine'];
    let n = 0;
    while (!this.stopped) {
      await this.wait(this.rng.int(this.intervalMs / 2, this.intervalMs));
      if (this.stopped) break;
      const kind =
        n < opening.length
          ? opening[n]
          : this.rng.weighted<FaultKind>([
              ['kill', 4],
              ['pause', 3],
              ['engine', 2],
            ]);
      n++;
      try {
        await this.inject(kind);
      } catch (error) {
        this.log.push(
          `${new Date().toISOString()} ${kind} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }

  private async inject(kind: FaultKind): Promise<void> {
    const target = this.rng.pick(this.instances);
    const at = new Date().toISOString();
    if (kind === 'kill') {
      await target.kill();
      this.counts.kill++;
      await sleep(this.rng.int(300, 2000));
      await target.start();
      this.log.push(`${at} SIGKILL instance ${target.index}, restarted on port ${target.port}`);
    } else if (kind === 'pause') {
      target.pause();
      this.counts.pause++;
      await sleep(this.pauseMs);
      target.resume();
      this.log.push(`${at} SIGSTOP instance ${target.index} for ${this.pauseMs} ms, then SIGCONT`);
    } else {
      const downtime = this.rng.int(500, 3000);
      this.counts.engine++;
      await this.engine.restart(downtime);
      this.log.push(`${at} engine stopped for ${downtime} ms and restarted on the same data`);
    }
  }

  private async wait(ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (!this.stopped && Date.now() < until) await sleep(Math.min(200, until - Date.now()));
  }
}
