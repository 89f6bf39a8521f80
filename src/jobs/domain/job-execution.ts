export const JOB_TYPES = ['EXPIRE_LOCKS', 'EXPIRE_BOOKINGS'] as const;
export type JobType = (typeof JOB_TYPES)[number];

export const EXECUTION_STATUSES = ['RUNNING', 'COMPLETED', 'FAILED'] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];
export const JOB_TRIGGERS = ['manual', 'cron'] as const;
export type JobTrigger = (typeof JOB_TRIGGERS)[number];

export const JOB_EXECUTION_RETENTION_MS = 3_600_000;
export const MAX_RESULT_DETAILS = 50;

export interface JobResults {
  processed: number;
  errors: number;
  details: string[];
}

export interface JobExecution {
  id: string;
  jobType: JobType;
  status: ExecutionStatus;
  trigger: JobTrigger;
  owner: string;
  /** The lease's fencing token when this run started; a takeover fails every run with a lower one. */
  fencingToken: number;
  startedAt: Date;
  completedAt?: Date;
  results: JobResults;
  failureReason?: string;
  expiresAt: Date;
}

/** Counts what a run did; details are capped so a run over many bad items stays a small record. */
export class JobTally implements JobResults {
  processed = 0;
  errors = 0;
  details: string[] = [];

  note(detail: string): void {
    if (this.details.length < MAX_RESULT_DETAILS) this.details.push(detail);
  }

  failed(itemId: string, error: unknown): void {
    this.errors += 1;
    this.note(`${itemId}: ${error instanceof Error ? error.message : String(error)}`);
  }

  snapshot(): JobResults {
    return { processed: this.processed, errors: this.errors, details: [...this.details] };
  }
}
