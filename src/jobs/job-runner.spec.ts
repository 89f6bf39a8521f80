import { Logger } from '@nestjs/common';
import type { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { FollowUpQueue, type BatchWriter } from '../follow-up/follow-up-queue';
import { MetricsService } from '../metrics/metrics.service';
import { JobAlreadyRunningError } from './domain/job-already-running.error';
import {
  JOB_EXECUTION_RETENTION_MS,
  type ExecutionStatus,
  type JobExecution,
  type JobResults,
  type JobType,
} from './domain/job-execution';
import type { JobLease } from './domain/job-lease';
import { JobExecutionsRepository } from './job-executions.repository';
import { JobLeasesRepository } from './job-leases.repository';
import { JobRunner, type JobContext } from './job-runner';
import { inBatches } from './batching/in-batches';

const RELEASED = new Date(0);

/** The lease port in memory: every write is conditional, as the Mongo adapter's filters are. */
class InMemoryJobLeasesRepository extends JobLeasesRepository {
  readonly leases = new Map<string, { owner: string; token: number; leaseUntil: Date }>();

  async acquire(jobType: string, owner: string, leaseUntil: Date, endedBy: Date): Promise<JobLease | undefined> {
    const current = this.leases.get(jobType);
    if (current && current.leaseUntil.getTime() > endedBy.getTime()) return undefined;
    const token = (current?.token ?? 0) + 1;
    this.leases.set(jobType, { owner, token, leaseUntil: new Date(leaseUntil) });
    return { jobType, owner, token, leaseUntil };
  }

  async renew(lease: JobLease, leaseUntil: Date): Promise<boolean> {
    const current = this.leases.get(lease.jobType);
    if (!current || current.token !== lease.token) return false;
    current.leaseUntil = new Date(leaseUntil);
    return true;
  }

  async release(lease: JobLease): Promise<void> {
    const current = this.leases.get(lease.jobType);
    if (current && current.token === lease.token) current.leaseUntil = RELEASED;
  }

  async heldUntil(jobType: string): Promise<Date | undefined> {
    return this.leases.get(jobType)?.leaseUntil;
  }

  /** What a holder that stopped renewing leaves behind once its time, and the skew tolerated, are up. */
  lapse(jobType: string): void {
    const current = this.leases.get(jobType);
    if (current) current.leaseUntil = new Date(jest.now() - SKEW_MS - 1);
  }

  isReleased(jobType: string): boolean {
    return this.leases.get(jobType)?.leaseUntil.getTime() === RELEASED.getTime();
  }
}

class InMemoryJobExecutionsRepository extends JobExecutionsRepository {
  readonly executions = new Map<string, JobExecution>();

  async start(execution: JobExecution): Promise<void> {
    if (this.executions.has(execution.id)) throw new Error(`duplicate execution ${execution.id}`);
    this.executions.set(execution.id, structuredClone(execution));
  }

  async finish(
    id: string,
    fencingToken: number,
    outcome: {
      status: Exclude<ExecutionStatus, 'RUNNING'>;
      results: JobResults;
      failureReason?: string;
      completedAt: Date;
    },
  ): Promise<boolean> {
    const current = this.executions.get(id);
    if (!current || current.status !== 'RUNNING' || current.fencingToken !== fencingToken) return false;
    this.executions.set(id, { ...current, ...structuredClone(outcome) });
    return true;
  }

  async failAbandoned(jobType: JobType, belowToken: number, reason: string, at: Date): Promise<number> {
    let failed = 0;
    for (const [id, execution] of this.executions) {
      if (execution.jobType === jobType && execution.status === 'RUNNING' && execution.fencingToken < belowToken) {
        this.executions.set(id, { ...execution, status: 'FAILED', failureReason: reason, completedAt: at });
        failed += 1;
      }
    }
    return failed;
  }

  async findById(id: string): Promise<JobExecution | undefined> {
    const execution = this.executions.get(id);
    return execution ? structuredClone(execution) : undefined;
  }

  async list(jobType: JobType | undefined, limit: number, now: Date): Promise<JobExecution[]> {
    return [...this.executions.values()]
      .filter((e) => (!jobType || e.jobType === jobType) && e.expiresAt.getTime() > now.getTime())
      .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())
      .slice(0, limit)
      .map((e) => structuredClone(e));
  }

  async purgeExpired(now: Date, limit: number): Promise<number> {
    let purged = 0;
    for (const [id, execution] of this.executions) {
      if (purged < limit && execution.expiresAt.getTime() <= now.getTime()) {
        this.executions.delete(id);
        purged += 1;
      }
    }
    return purged;
  }
}

/** A follow-up writer that records what it was handed and when, against the log of the test. */
class RecordingWriter implements BatchWriter<string> {
  readonly phase = 1;
  readonly batches: string[][] = [];

  constructor(private readonly log: string[]) {}

  async writeBatch(items: string[]): Promise<void> {
    this.batches.push([...items]);
    this.log.push(`wrote ${items.join(',')}`);
  }
}

async function* streamOf<T>(items: T[], onPull?: (item: T) => void): AsyncIterable<T> {
  for (const item of items) {
    onPull?.(item);
    yield item;
  }
}

const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
};

const rejectionOf = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
};

const JOB: JobType = 'EXPIRE_LOCKS';
const START = new Date('2030-01-01T12:00:00.000Z');
/** The clock skew the runners tolerate in these specs: a fifth of their one-second lease. */
const SKEW_MS = 200;

/**
 * The runner's time is Jest's fake clock, moved only by the test; its lease heartbeat runs on the fake
 * timers too. The global Date stays real (so a wall-clock read in the runner would show up far from
 * START), and so does setImmediate, on which the follow-up queue flushes.
 */
const clock: Clock = { now: () => new Date(jest.now()) };

describe('JobRunner.run', () => {
  let leases: InMemoryJobLeasesRepository;
  let executions: InMemoryJobExecutionsRepository;
  let metrics: MetricsService;
  let config: AppConfig;
  let followUps: FollowUpQueue;
  let sut: JobRunner;

  const runCount = async (outcome: string): Promise<number> =>
    (await metrics.jobRuns.get()).values.find((v) => v.labels.job === JOB && v.labels.outcome === outcome)?.value ?? 0;
  const itemCount = async (result: string): Promise<number> =>
    (await metrics.jobItems.get()).values.find((v) => v.labels.job === JOB && v.labels.result === result)?.value ?? 0;

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(() => {
    jest.useFakeTimers({ now: START, doNotFake: ['Date', 'setImmediate', 'clearImmediate'] });
    leases = new InMemoryJobLeasesRepository();
    executions = new InMemoryJobExecutionsRepository();
    metrics = new MetricsService();
    config = Object.assign(new AppConfig(), {
      JOB_LEASE_SECONDS: 1,
      JOB_BATCH_SIZE: 2,
      CLOCK_SKEW_TOLERANCE_MS: SKEW_MS,
    });
    followUps = new FollowUpQueue();
    sut = new JobRunner(leases, executions, config, metrics, followUps, clock);
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('records a COMPLETED execution with the work’s tally and releases the lease', async () => {
    const execution = await sut.run(JOB, 'manual', async (context) => {
      expect(context.batchSize).toBe(2);
      expect(context.correlationId).toBe(`job:${context.executionId}`);
      context.tally.processed += 3;
      context.tally.note('expired lock l-1');
    });

    expect(execution).toMatchObject({
      jobType: JOB,
      status: 'COMPLETED',
      trigger: 'manual',
      owner: sut.owner,
      fencingToken: 1,
      results: { processed: 3, errors: 0, details: ['expired lock l-1'] },
    });
    expect(execution.failureReason).toBeUndefined();
    expect(execution.startedAt).toEqual(START);
    expect(execution.completedAt).toEqual(START);
    expect(execution.expiresAt.getTime()).toBe(START.getTime() + JOB_EXECUTION_RETENTION_MS);
    expect(executions.executions.get(execution.id)).toMatchObject({ status: 'COMPLETED' });
    expect(leases.isReleased(JOB)).toBe(true);
    expect(await runCount('completed')).toBe(1);
    expect(await itemCount('processed')).toBe(3);
  });

  it('lets the next run start at once after a release, with the next token', async () => {
    await sut.run(JOB, 'manual', async () => undefined);

    const second = await sut.run(JOB, 'cron', async () => undefined);

    expect(second).toMatchObject({ status: 'COMPLETED', trigger: 'cron', fencingToken: 2 });
  });

  it('refuses a second run while the lease is held, and lets the first finish', async () => {
    const first = gate();
    const started = gate();
    const running = sut.run(JOB, 'manual', async () => {
      started.open();
      await first.opened;
    });
    await started.opened;
    const otherInstance = new JobRunner(leases, executions, config, metrics, followUps, clock);

    const error = await rejectionOf(otherInstance.run(JOB, 'cron', async () => undefined));
    first.open();
    const execution = await running;

    expect(error).toBeInstanceOf(JobAlreadyRunningError);
    expect((error as Error).message).toContain('Another instance is already running');
    expect(error).toMatchObject({ kind: 'CONFLICT', code: 'JOB.ALREADY_RUNNING' });
    // Free once the lease's second and the tolerated skew have passed.
    expect((error as JobAlreadyRunningError).retryAfterSeconds).toBe(2);
    expect(await runCount('skipped')).toBe(1);
    expect(execution.status).toBe('COMPLETED');
    expect(executions.executions.size).toBe(1);
  });

  it('refuses a second run from the same instance too', async () => {
    const first = gate();
    const started = gate();
    const running = sut.run(JOB, 'manual', async () => {
      started.open();
      await first.opened;
    });
    await started.opened;

    const error = await rejectionOf(sut.run(JOB, 'manual', async () => undefined));
    first.open();
    await running;

    expect(error).toBeInstanceOf(JobAlreadyRunningError);
  });

  it('keeps the lease across a run longer than the lease by renewing it while the work progresses', async () => {
    const running = sut.run(JOB, 'manual', async (context) => {
      for (let step = 0; step < 16; step += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        context.progressed();
      }
    });
    await jest.advanceTimersByTimeAsync(1_200);
    const otherInstance = new JobRunner(leases, executions, config, metrics, followUps, clock);

    const error = await rejectionOf(otherInstance.run(JOB, 'cron', async () => undefined));
    await jest.advanceTimersByTimeAsync(400);

    expect(error).toBeInstanceOf(JobAlreadyRunningError);
    expect(await running).toMatchObject({
      status: 'COMPLETED',
      fencingToken: 1,
      completedAt: new Date(START.getTime() + 1_600),
    });
    const duration = (await metrics.jobDuration.get()).values.find(
      (v) => v.metricName === 'job_run_duration_seconds_sum' && v.labels.job === JOB,
    );
    expect(duration?.value).toBeCloseTo(1.6);
  });

  it('lets another instance take over a run that stopped renewing once its lease is up', async () => {
    // The work never returns, and renewals are lost: what a holder paused by the GC or a dead process leaves.
    const renew = jest.spyOn(leases, 'renew').mockResolvedValue(false);
    void sut.run(JOB, 'manual', () => new Promise<void>(() => undefined));
    await jest.advanceTimersByTimeAsync(999 + SKEW_MS);
    const otherInstance = new JobRunner(leases, executions, config, metrics, followUps, clock);
    expect(await rejectionOf(otherInstance.run(JOB, 'cron', async () => undefined))).toBeInstanceOf(
      JobAlreadyRunningError,
    );

    await jest.advanceTimersByTimeAsync(1);
    renew.mockRestore();
    const execution = await otherInstance.run(JOB, 'cron', async () => undefined);

    expect(execution).toMatchObject({ status: 'COMPLETED', fencingToken: 2 });
  });

  it('does not block other job types', async () => {
    const first = gate();
    const running = sut.run(JOB, 'manual', () => first.opened);

    const other = await sut.run('EXPIRE_BOOKINGS', 'manual', async () => undefined);
    first.open();
    await running;

    expect(other).toMatchObject({ jobType: 'EXPIRE_BOOKINGS', status: 'COMPLETED', fencingToken: 1 });
  });

  it('takes over a lease its dead holder left past leaseUntil, failing that holder’s RUNNING execution', async () => {
    const startedAt = new Date(START.getTime() - 60_000);
    leases.leases.set(JOB, { owner: 'dead-host:1', token: 4, leaseUntil: new Date(START.getTime() - SKEW_MS) });
    await executions.start({
      id: 'dead-run',
      jobType: JOB,
      status: 'RUNNING',
      trigger: 'cron',
      owner: 'dead-host:1',
      fencingToken: 4,
      startedAt,
      results: { processed: 0, errors: 0, details: [] },
      expiresAt: new Date(startedAt.getTime() + JOB_EXECUTION_RETENTION_MS),
    });

    const execution = await sut.run(JOB, 'manual', async () => undefined);

    expect(execution).toMatchObject({ status: 'COMPLETED', fencingToken: 5, owner: sut.owner });
    const dead = executions.executions.get('dead-run')!;
    expect(dead.status).toBe('FAILED');
    expect(dead.failureReason).toEqual(expect.stringContaining('lease expired'));
    expect(dead.failureReason).toContain(sut.owner);
    expect(dead.completedAt).toBeInstanceOf(Date);
    expect(leases.isReleased(JOB)).toBe(true);
  });

  it('does not take over a lease that ended less than the tolerated skew ago by this clock', async () => {
    leases.leases.set(JOB, { owner: 'other-host:1', token: 4, leaseUntil: new Date(START.getTime() - SKEW_MS + 1) });

    const error = await rejectionOf(sut.run(JOB, 'manual', async () => undefined));

    expect(error).toBeInstanceOf(JobAlreadyRunningError);
    expect(leases.leases.get(JOB)).toMatchObject({ owner: 'other-host:1', token: 4 });
  });

  it('leaves finished executions of earlier holders alone on a takeover', async () => {
    const done = await sut.run(JOB, 'manual', async (context) => {
      context.tally.processed = 1;
    });
    leases.lapse(JOB);

    await sut.run(JOB, 'manual', async () => undefined);

    expect(executions.executions.get(done.id)).toMatchObject({ status: 'COMPLETED', results: { processed: 1 } });
  });

  it('records work that throws as a FAILED execution with its reason, and releases the lease', async () => {
    const execution = await sut.run(JOB, 'manual', async (context) => {
      context.tally.processed = 2;
      throw new Error('database went away');
    });

    expect(execution).toMatchObject({
      status: 'FAILED',
      failureReason: 'database went away',
      results: { processed: 2, errors: 0 },
    });
    expect(leases.isReleased(JOB)).toBe(true);
    expect(await runCount('failed')).toBe(1);
    expect(await sut.run(JOB, 'manual', async () => undefined)).toMatchObject({ status: 'COMPLETED', fencingToken: 2 });
  });

  it('stops a holder whose lease was taken over mid-run from finishing its execution or releasing the new lease', async () => {
    const newOwner = 'other-host:2';
    let newLease: JobLease | undefined;
    let stillHoldingAfterTakeover: boolean | undefined;

    const execution = await sut.run(JOB, 'manual', async (context: JobContext) => {
      context.tally.processed = 7;
      // This holder stalls past its lease; another instance takes the lease and fails the stalled run.
      leases.lapse(JOB);
      const now = clock.now();
      newLease = await leases.acquire(JOB, newOwner, new Date(now.getTime() + 60_000), now);
      await executions.failAbandoned(JOB, newLease!.token, `taken over by ${newOwner}`, now);
      stillHoldingAfterTakeover = await context.stillHolding();
    });

    expect(newLease).toMatchObject({ owner: newOwner, token: 2 });
    expect(stillHoldingAfterTakeover).toBe(false);
    expect(execution).toMatchObject({ status: 'FAILED', failureReason: `taken over by ${newOwner}` });
    expect(executions.executions.get(execution.id)!.results.processed).toBe(0);
    expect(leases.leases.get(JOB)).toMatchObject({ owner: newOwner, token: 2 });
    expect(leases.leases.get(JOB)!.leaseUntil.getTime()).toBeGreaterThan(jest.now());
    expect(await runCount('lease_lost')).toBe(1);
    expect(await runCount('completed')).toBe(0);
  });

  it('does not finish or release when the lease moved on even if the work never asked', async () => {
    const execution = await sut.run(JOB, 'manual', async () => {
      leases.lapse(JOB);
      const now = clock.now();
      await leases.acquire(JOB, 'other-host:2', new Date(now.getTime() + 60_000), now);
    });

    expect(executions.executions.get(execution.id)!.status).toBe('RUNNING');
    expect(leases.leases.get(JOB)).toMatchObject({ owner: 'other-host:2', token: 2 });
    expect(leases.isReleased(JOB)).toBe(false);
  });

  it('counts per-item errors from inBatches without stopping the run', async () => {
    const items = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
    const done = new Set<string>();

    const execution = await sut.run(JOB, 'manual', (context) =>
      inBatches(context, streamOf(items), async (item) => {
        if (item.id === 'b' || item.id === 'd') throw new Error('boom');
        done.add(item.id);
        return item.id !== 'e';
      }),
    );

    expect(execution.status).toBe('COMPLETED');
    expect(execution.results.processed).toBe(2);
    expect(execution.results.errors).toBe(2);
    expect(execution.results.details).toEqual(['b: boom', 'd: boom']);
    expect(done).toEqual(new Set(['a', 'c', 'e']));
    expect(leases.isReleased(JOB)).toBe(true);
    expect(await itemCount('error')).toBe(2);
    expect(await itemCount('processed')).toBe(2);
  });

  it('writes the follow-ups the items queued after every batch, before pulling the next item', async () => {
    const log: string[] = [];
    const audit = new RecordingWriter(log);
    const items = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));

    await sut.run(JOB, 'manual', (context) =>
      inBatches(
        context,
        streamOf(items, (item) => log.push(`pulled ${item.id}`)),
        async (item) => {
          followUps.add(audit, item.id);
          return true;
        },
      ),
    );

    expect(log).toEqual([
      'pulled a',
      'pulled b',
      'wrote a,b',
      'pulled c',
      'pulled d',
      'wrote c,d',
      'pulled e',
      'wrote e',
    ]);
  });

  it('stops pulling items once the lease is lost', async () => {
    const handled: string[] = [];
    const pulled: string[] = [];
    const items = Array.from({ length: 10 }, (_, i) => ({ id: `item-${i}` }));

    const execution = await sut.run(JOB, 'manual', (context) =>
      inBatches(
        context,
        streamOf(items, (item) => pulled.push(item.id)),
        async (item) => {
          handled.push(item.id);
          if (handled.length === 2) {
            leases.lapse(JOB);
            const now = clock.now();
            await leases.acquire(JOB, 'other-host:2', new Date(now.getTime() + 60_000), now);
          }
          return true;
        },
      ),
    );

    expect(handled).toEqual(['item-0', 'item-1']);
    expect(pulled).toEqual(['item-0', 'item-1']);
    expect(execution.status).toBe('RUNNING');
  });

  it('gives the work a flush that writes the follow-ups queued so far', async () => {
    const log: string[] = [];
    const audit = new RecordingWriter(log);

    await sut.run(JOB, 'manual', async (context) => {
      followUps.add(audit, 'first');
      await context.flush();
      log.push('flushed');
    });

    expect(log).toEqual(['wrote first', 'flushed']);
  });

  it('writes the follow-ups the work left queued before it records the execution', async () => {
    const log: string[] = [];
    const audit = new RecordingWriter(log);
    const finish = executions.finish.bind(executions);
    jest.spyOn(executions, 'finish').mockImplementation(async (...args) => {
      log.push('finished');
      return finish(...args);
    });

    const execution = await sut.run(JOB, 'manual', async () => {
      followUps.add(audit, 'left');
    });

    expect(log).toEqual(['wrote left', 'finished']);
    expect(execution.status).toBe('COMPLETED');
  });
  it('lets its lease lapse while its work is stuck, so another instance takes over', async () => {
    // A command whose reply never comes: the work neither finishes nor moves on, while the database itself
    // (the lease renewals) answers fine.
    void sut.run(JOB, 'manual', () => new Promise<void>(() => undefined));
    const otherInstance = new JobRunner(leases, executions, config, metrics, followUps, clock);

    await jest.advanceTimersByTimeAsync(1_000 + SKEW_MS);
    const execution = await otherInstance.run(JOB, 'cron', async () => undefined);

    expect(execution).toMatchObject({ status: 'COMPLETED', fencingToken: 2, owner: otherInstance.owner });
    expect([...executions.executions.values()].find((e) => e.fencingToken === 1)).toMatchObject({ status: 'FAILED' });
  });

  it('never runs beside a holder whose clock is behind by less than the tolerated skew', async () => {
    // B's clock runs 150 ms ahead of A's; A's renewals fail while its work waits on a late reply.
    const skewedClock: Clock = { now: () => new Date(jest.now() + SKEW_MS - 50) };
    const b = new JobRunner(leases, executions, config, metrics, followUps, skewedClock);
    const busy: Array<{ runner: string; from: number; to: number }> = [];
    const items = (runner: string, count: number) =>
      streamOf(Array.from({ length: count }, (_, i) => ({ id: `${runner}-${i}` })));
    const handle = (runner: string) => async (): Promise<boolean> => {
      const from = jest.now();
      await new Promise((resolve) => setTimeout(resolve, 100));
      busy.push({ runner, from, to: jest.now() });
      return true;
    };
    const renew = jest.spyOn(leases, 'renew').mockRejectedValue(new Error('database went away'));
    const a = sut.run(JOB, 'manual', async (context) => {
      await new Promise((resolve) => setTimeout(resolve, 900));
      renew.mockRestore();
      await inBatches(context, items('A', 4), handle('A'));
    });

    await jest.advanceTimersByTimeAsync(900);
    // B tries every 50 ms (a refusal settles at once) until it gets the lease.
    let bRun: Promise<unknown> | undefined;
    while (!bRun) {
      let refused = false;
      const attempt = b
        .run(JOB, 'cron', (context) => inBatches(context, items('B', 2), handle('B')))
        .catch((error) => {
          refused = error instanceof JobAlreadyRunningError;
          if (!refused) throw error;
        });
      await jest.advanceTimersByTimeAsync(50);
      if (!refused) bRun = attempt;
    }
    await jest.advanceTimersByTimeAsync(1_000);
    await Promise.all([a, bRun]);

    const overlapping = busy.filter((x) => busy.some((y) => y.runner !== x.runner && x.from < y.to && y.from < x.to));
    expect(busy.map((x) => x.runner)).toEqual(expect.arrayContaining(['A', 'B']));
    expect(overlapping).toEqual([]);
  });
});
