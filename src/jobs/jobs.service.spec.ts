import { FixedClock } from '../../test/support/clock';
import { AppConfig } from '../config/app-config';
import { JobTally, type JobExecution, type JobType } from './domain/job-execution';
import type { JobExecutionsRepository } from './job-executions.repository';
import type { JobContext, JobRunner, JobWork } from './job-runner';
import { JobsService } from './jobs.service';
import type { ExpireBookingsPlan } from './expiry/expire-bookings.plan';
import type { ExpireLocksPlan } from './expiry/expire-locks.plan';
import type { ExpiredRecordsPurge } from './passes/expired-records-purge';
import { ExpiryPass, type ExpiryPlan } from './expiry/expiry-pass';

const now = new Date('2030-01-01T12:00:00.000Z');
/** The default RECONCILE_AFTER_SECONDS. */
const settleBefore = new Date(now.getTime() - 60_000);

type Item = { id: string; status: string };

async function* streamOf(items: Item[]): AsyncIterable<Item> {
  yield* items;
}

/** A plan that records each step it is asked for, in order; `expire` wins for every item but `lost`. */
class RecordingPlan implements ExpiryPlan<Item> {
  readonly steps: string[] = [];

  constructor(
    readonly kind: string,
    private readonly items: { unsettled: Item[]; due: Item[]; lost?: string },
  ) {}

  settleAbandoned(before: Date, at: Date): Promise<void> {
    this.steps.push(`settle abandoned before ${before.toISOString()} for ${at.toISOString()}`);
    return Promise.resolve();
  }
  unsettled(): AsyncIterable<Item> {
    return streamOf(this.items.unsettled);
  }
  reconcile(item: Item): Promise<void> {
    this.steps.push(`reconcile ${item.id}`);
    return Promise.resolve();
  }
  due(): AsyncIterable<Item> {
    return streamOf(this.items.due);
  }
  expire(item: Item): Promise<boolean> {
    this.steps.push(`expire ${item.id}`);
    return Promise.resolve(item.id !== this.items.lost);
  }
}

/** Runs the work at once under a lease that never lapses, and answers the tally as the run's record. */
const runner = {
  run: async (jobType: JobType, trigger: string, work: JobWork) => {
    const tally = new JobTally();
    const context: JobContext = {
      executionId: 'execution-1',
      correlationId: 'corr-job',
      batchSize: 2,
      tally,
      progressed: () => undefined,
      mayAct: () => Promise.resolve(true),
      stillHolding: () => Promise.resolve(true),
      flush: () => Promise.resolve(),
    };
    await work(context);
    return { jobType, trigger, results: tally.snapshot() } as unknown as JobExecution;
  },
} as unknown as JobRunner;

function setUp() {
  const locks = new RecordingPlan('lock', {
    unsettled: [{ id: 'lock-1', status: 'RELEASED' }],
    due: [
      { id: 'lock-2', status: 'ACTIVE' },
      { id: 'lock-3', status: 'ACTIVE' },
    ],
    lost: 'lock-3',
  });
  const bookings = new RecordingPlan('booking', {
    unsettled: [],
    due: [{ id: 'booking-1', status: 'PENDING_PAYMENT' }],
  });
  const purged: string[] = [];
  const purge = {
    run: (context: JobContext) => {
      purged.push(context.executionId);
      return Promise.resolve();
    },
  };
  const listed: unknown[] = [];
  const executions = {
    list: (...args: unknown[]) => {
      listed.push(args);
      return Promise.resolve([]);
    },
  } as unknown as JobExecutionsRepository;
  const clock = new FixedClock(now);
  const sut = new JobsService(
    runner,
    executions,
    new ExpiryPass(purge as unknown as ExpiredRecordsPurge, new AppConfig(), clock),
    locks as unknown as ExpireLocksPlan,
    bookings as unknown as ExpireBookingsPlan,
    clock,
  );
  return { sut, locks, bookings, purged, listed };
}

describe('JobsService', () => {
  it('runs EXPIRE_LOCKS as one expiry pass: abandoned work, unsettled items, due items, then the purge', async () => {
    const { sut, locks, bookings, purged } = setUp();

    const execution = await sut.run('EXPIRE_LOCKS', 'manual');

    expect(locks.steps).toEqual([
      `settle abandoned before ${settleBefore.toISOString()} for ${now.toISOString()}`,
      'reconcile lock-1',
      'expire lock-2',
      'expire lock-3',
    ]);
    expect(bookings.steps).toEqual([]);
    expect(purged).toEqual(['execution-1']);
    // A reconciled item is noted, not counted; an expiry another instance made first is not counted either.
    expect(execution.results).toEqual({ processed: 1, errors: 0, details: ['reconciled lock lock-1 (RELEASED)'] });
  });

  it('runs EXPIRE_BOOKINGS with the bookings plan only', async () => {
    const { sut, locks, bookings } = setUp();

    const execution = await sut.run('EXPIRE_BOOKINGS', 'cron');

    expect(bookings.steps).toEqual([
      `settle abandoned before ${settleBefore.toISOString()} for ${now.toISOString()}`,
      'expire booking-1',
    ]);
    expect(locks.steps).toEqual([]);
    expect(execution).toMatchObject({ jobType: 'EXPIRE_BOOKINGS', trigger: 'cron', results: { processed: 1 } });
  });

  it('lists the latest runs not yet expired by its clock, at most 50', async () => {
    const { sut, listed } = setUp();

    await sut.recent('EXPIRE_LOCKS');
    await sut.recent();

    expect(listed).toEqual([
      ['EXPIRE_LOCKS', 50, now],
      [undefined, 50, now],
    ]);
  });
});
