import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Clock } from '../common/clock';
import { newId } from '../common/ids';
import { AppConfig } from '../config/app-config';
import { hearingReplies, unheard } from '../database/command-replies';
import { FollowUpQueue } from '../follow-up/follow-up-queue';
import { MetricsService } from '../metrics/metrics.service';
import { JobAlreadyRunningError } from './domain/job-already-running.error';
import {
  JOB_EXECUTION_RETENTION_MS,
  JobTally,
  type JobExecution,
  type JobType,
  type JobTrigger,
} from './domain/job-execution';
import type { JobLease } from './domain/job-lease';
import { JobExecutionsRepository } from './job-executions.repository';
import { JobLeasesRepository } from './job-leases.repository';

export interface JobContext {
  readonly executionId: string;
  readonly correlationId: string;
  readonly batchSize: number;
  readonly tally: JobTally;
  /**
   * Says the work moved on (an item handled). The lease is renewed in the background only after progress:
   * this, or a database reply to one of the run's commands. Work that is stuck lets its lease lapse.
   */
  progressed(): void;
  /**
   * Whether the run may act now: while its lease lasts by this instance's clock, yes; past that only if
   * renewing it succeeds. Asked before every item, so a holder that was stuck past its lease does not
   * act beside the instance that took over.
   */
  mayAct(): Promise<boolean>;
  /** Renews the lease now (a progress point); false once it has been lost, and the job must stop touching anything. */
  stillHolding(): Promise<boolean>;
  /** Writes the follow-ups the run's items queued (audit entries, `settled`), batched. */
  flush(): Promise<void>;
}

export type JobWork = (context: JobContext) => Promise<void>;

/**
 * The one lease mechanism every job runs under. A run acquires its job type's lease atomically (or is
 * refused), fails the runs of holders whose lease ran out, records its own JobExecution, renews the
 * lease while its work makes progress, and finally records its results and releases the lease — each
 * of those writes conditional on its fencing token, so a holder that lost the lease can change nothing.
 *
 * Clocks: a lease's end is written by its holder's clock and read by another instance's. A taker waits
 * until the lease has passed by more than CLOCK_SKEW_TOLERANCE_MS on its own clock, and a holder starts an
 * item only before the lease's end on its own clock (or after renewing it), so of two instances whose
 * clocks differ by less than the tolerance, one never starts work while the other may. (An item a holder
 * was stalled in when its lease ran out is finished by its guarded writes.) The database's clock would
 * spare the tolerance, but an update that reads it (`$$NOW`) is not available on every engine used here.
 */
@Injectable()
export class JobRunner {
  private readonly logger = new Logger(JobRunner.name);
  /** Identifies this process among the instances sharing the database. */
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

  constructor(
    private readonly leases: JobLeasesRepository,
    private readonly executions: JobExecutionsRepository,
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
    private readonly followUps: FollowUpQueue,
    private readonly clock: Clock,
  ) {}

  private get leaseMs(): number {
    return this.config.JOB_LEASE_SECONDS * 1000;
  }

  private get skewMs(): number {
    return this.config.CLOCK_SKEW_TOLERANCE_MS;
  }

  async run(jobType: JobType, trigger: JobTrigger, work: JobWork): Promise<JobExecution> {
    const startedAt = this.clock.now();
    const lease = await this.leases.acquire(
      jobType,
      this.owner,
      new Date(startedAt.getTime() + this.leaseMs),
      new Date(startedAt.getTime() - this.skewMs),
    );
    if (!lease) {
      this.metrics.jobRuns.inc({ job: jobType, outcome: 'skipped' });
      const heldUntil = await this.leases.heldUntil(jobType);
      const free = heldUntil ? heldUntil.getTime() + this.skewMs - this.clock.now().getTime() : 1000;
      throw new JobAlreadyRunningError(jobType, Math.max(1, Math.ceil(free / 1000)));
    }

    const abandoned = await this.executions.failAbandoned(
      jobType,
      lease.token,
      `lease expired without renewal; taken over by ${this.owner} (token ${lease.token})`,
      startedAt,
    );
    if (abandoned > 0) this.logger.warn(`${jobType}: took over from a dead holder, ${abandoned} run(s) marked FAILED`);

    const execution: JobExecution = {
      id: newId(startedAt.getTime()),
      jobType,
      status: 'RUNNING',
      trigger,
      owner: this.owner,
      fencingToken: lease.token,
      startedAt,
      results: { processed: 0, errors: 0, details: [] },
      expiresAt: new Date(startedAt.getTime() + JOB_EXECUTION_RETENTION_MS),
    };
    await this.executions.start(execution);
    return this.execute(execution, lease, work);
  }

  private async execute(execution: JobExecution, lease: JobLease, work: JobWork): Promise<JobExecution> {
    let holding = true;
    /** The lease's end as this run last wrote it, by this instance's clock. */
    let heldUntil = lease.leaseUntil;
    let progressed = false;
    const markProgress = (): void => {
      progressed = true;
    };
    const renew = async (): Promise<boolean> => {
      if (!holding) return false;
      progressed = false;
      const until = new Date(this.clock.now().getTime() + this.leaseMs);
      holding = await unheard(() => this.leases.renew(lease, until));
      if (holding) heldUntil = until;
      return holding;
    };
    const mayAct = async (): Promise<boolean> =>
      holding && (this.clock.now().getTime() < heldUntil.getTime() || (await renew()));
    const heartbeat = setInterval(
      () => {
        if (!progressed) {
          this.logger.warn(`${execution.jobType}: no progress since the last renewal; the lease is left to lapse`);
          return;
        }
        renew().catch((error: unknown) =>
          this.logger.warn({ err: error }, `${execution.jobType}: lease renewal failed`),
        );
      },
      Math.max(250, this.leaseMs / 3),
    );

    const tally = new JobTally();
    let failureReason: string | undefined;
    const context: JobContext = {
      executionId: execution.id,
      correlationId: `job:${execution.id}`,
      batchSize: this.config.JOB_BATCH_SIZE,
      tally,
      progressed: markProgress,
      mayAct,
      stillHolding: renew,
      flush: () => this.followUps.drain(),
    };
    try {
      await hearingReplies(markProgress, () => work(context));
      await this.followUps.drain();
    } catch (error) {
      failureReason = error instanceof Error ? error.message : String(error);
      this.logger.error({ err: error }, `${execution.jobType} failed`);
    } finally {
      clearInterval(heartbeat);
    }

    const status = failureReason ? 'FAILED' : 'COMPLETED';
    const outcome = { status, results: tally.snapshot(), failureReason, completedAt: this.clock.now() } as const;
    // The renewal proves the lease is still ours just before the write; a takeover fails this run first,
    // so `finish` (conditional on the run still RUNNING) then refuses. Only a holder paused between the
    // two calls could still record its results — which are true, since every item move was guarded.
    const recorded = (await renew()) && (await this.executions.finish(execution.id, lease.token, outcome));
    if (recorded) await this.leases.release(lease);
    this.metrics.jobRuns.inc({ job: execution.jobType, outcome: recorded ? status.toLowerCase() : 'lease_lost' });
    this.metrics.jobDuration.observe(
      { job: execution.jobType, outcome: recorded ? status.toLowerCase() : 'lease_lost' },
      (this.clock.now().getTime() - execution.startedAt.getTime()) / 1000,
    );
    this.metrics.jobItems.inc({ job: execution.jobType, result: 'processed' }, tally.processed);
    this.metrics.jobItems.inc({ job: execution.jobType, result: 'error' }, tally.errors);
    return (await this.executions.findById(execution.id)) ?? { ...execution, ...outcome };
  }
}
