import type { EngineSupervisor } from './engine-supervisor';
import type { ServiceInstance } from './instance-supervisor';
import type { Prng } from './prng';

export type FaultKind = 'kill' | 'pause' | 'engine' | 'skew' | 'blackhole';

export type FaultCounts = Record<FaultKind, number>;

/**
 * Every kind, in the order the first faults of a run take them, so even a short run exercises each one;
 * the engine restart last, because the instances need seconds to reconnect after it and a restart of
 * an instance (the skew fault) waits for that.
 */
const OPENING: readonly FaultKind[] = ['kill', 'pause', 'blackhole', 'skew', 'engine'];

/**
 * How far the skew fault moves one instance's clock: more than a second, yet inside the skew the instances
 * are told they may have (CLOCK_SKEW_TOLERANCE_MS of chaos.ts, 1500 ms), so every invariant must still hold.
 */
const SKEW_MS = 1200;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Injects one fault at a time while the workload runs, each (skew aside) undone before the next: an instance
 * SIGKILLed and restarted on its port, an instance SIGSTOPped past the idempotency lease (so a twin
 * takes over its keys) and then continued, the engine stopped and started again on its data, the
 * engine black-holed (not a byte either way, every connection left open) for a few seconds — and one
 * instance restarted with its clock ±1.2 s off its twins', which lasts until the next skew fault sets it
 * right. The first faults are one of each kind.
 */
export class FaultInjector {
  readonly counts: FaultCounts = { kill: 0, pause: 0, engine: 0, skew: 0, blackhole: 0 };
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

  /** Stops injecting and waits until the fault in progress has been undone, and a skewed clock set right. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
    if (this.instances.some((i) => i.clockOffsetMs !== 0)) await this.skew(this.instances[0]);
  }

  private async run(): Promise<void> {
    let n = 0;
    while (!this.stopped) {
      await this.wait(this.rng.int(this.intervalMs / 2, this.intervalMs));
      if (this.stopped) break;
      const kind =
        n < OPENING.length
          ? OPENING[n]
          : this.rng.weighted<FaultKind>([
              ['kill', 4],
              ['pause', 3],
              ['engine', 2],
              ['skew', 2],
              ['blackhole', 2],
            ]);
      n++;
      const startedAt = Date.now();
      try {
        await this.inject(kind);
        this.log.push(`    (${kind} took ${Date.now() - startedAt} ms)`);
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
    } else if (kind === 'engine') {
      const downtime = this.rng.int(500, 3000);
      this.counts.engine++;
      await this.engine.restart(downtime);
      this.log.push(`${at} engine stopped for ${downtime} ms and restarted on the same data`);
    } else if (kind === 'skew') {
      await this.skew(target);
    } else {
      // Some holes outlast the service's per-command timeout (DB_COMMAND_TIMEOUT_MS, 10 s by default, kept
      // as shipped: an operator scan of a large run needs seconds per command on the embedded engine), so
      // requests answer 503 and stuck job runs lose their lease; shorter ones just hold every reply back.
      const silence = this.rng.int(2000, 13000);
      this.counts.blackhole++;
      await this.engine.blackHole(silence);
      this.log.push(`${at} engine black-holed for ${silence} ms (connections held open), then forwarding again`);
    }
  }

  /**
   * Skew is a condition, not an event: the fault restarts one instance with its clock off and leaves it
   * so while other faults come and go; the next skew fault (or `stop`) restarts it with its clock right.
   * A restart is a SIGKILL: a graceful stop waits for connections that the clients keep busy.
   */
  private async skew(target: ServiceInstance): Promise<void> {
    const skewed = this.instances.find((i) => i.clockOffsetMs !== 0);
    const instance = skewed ?? target;
    instance.clockOffsetMs = skewed ? 0 : this.rng.chance(0.5) ? SKEW_MS : -SKEW_MS;
    await instance.kill();
    await instance.start();
    if (!skewed) this.counts.skew++;
    this.log.push(
      `${new Date().toISOString()} instance ${instance.index} restarted with CLOCK_OFFSET_MS=${instance.clockOffsetMs}`,
    );
  }

  private async wait(ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (!this.stopped && Date.now() < until) await sleep(Math.min(200, until - Date.now()));
  }
}
