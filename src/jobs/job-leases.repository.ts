import type { JobLease } from './domain/job-lease';

export abstract class JobLeasesRepository {
  /**
   * Takes the lease if nobody holds it or its holder's lease ended at or before `endedBy` (the taker's
   * now less the clock skew tolerated); undefined otherwise.
   */
  abstract acquire(jobType: string, owner: string, leaseUntil: Date, endedBy: Date): Promise<JobLease | undefined>;
  /** Extends the lease; false when it is no longer held under this token. */
  abstract renew(lease: JobLease, leaseUntil: Date): Promise<boolean>;
  abstract release(lease: JobLease): Promise<void>;
  /** When the current holder's lease ends, for a Retry-After hint. */
  abstract heldUntil(jobType: string): Promise<Date | undefined>;
}
