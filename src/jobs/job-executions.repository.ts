import type { ExecutionStatus, JobExecution, JobResults, JobType } from './domain/job-execution';

export abstract class JobExecutionsRepository {
  abstract start(execution: JobExecution): Promise<void>;
  /** Records a run's end; a no-op (false) if a takeover has already failed this run. */
  abstract finish(
    id: string,
    fencingToken: number,
    outcome: {
      status: Exclude<ExecutionStatus, 'RUNNING'>;
      results: JobResults;
      failureReason?: string;
      completedAt: Date;
    },
  ): Promise<boolean>;
  /** Fails the runs of earlier lease holders that never finished; returns how many. */
  abstract failAbandoned(jobType: JobType, belowToken: number, reason: string, at: Date): Promise<number>;
  abstract findById(id: string): Promise<JobExecution | undefined>;
  /** The latest runs not yet expired at `now`. */
  abstract list(jobType: JobType | undefined, limit: number, now: Date): Promise<JobExecution[]>;
  abstract purgeExpired(now: Date, limit: number): Promise<number>;
}
