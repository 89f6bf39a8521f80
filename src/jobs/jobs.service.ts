import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import type { JobExecution, JobType, JobTrigger } from './domain/job-execution';
import { JobExecutionsRepository } from './job-executions.repository';
import { JobRunner } from './job-runner';
import { ExpireBookingsPlan } from './expiry/expire-bookings.plan';
import { ExpireLocksPlan } from './expiry/expire-locks.plan';
import { ExpiryPass } from './expiry/expiry-pass';

const RECENT_EXECUTIONS = 50;

@Injectable()
export class JobsService {
  constructor(
    private readonly runner: JobRunner,
    private readonly executions: JobExecutionsRepository,
    private readonly pass: ExpiryPass,
    private readonly expireLocks: ExpireLocksPlan,
    private readonly expireBookings: ExpireBookingsPlan,
    private readonly clock: Clock,
  ) {}

  run(jobType: JobType, trigger: JobTrigger): Promise<JobExecution> {
    return this.runner.run(jobType, trigger, (context) =>
      jobType === 'EXPIRE_LOCKS'
        ? this.pass.run(this.expireLocks, context)
        : this.pass.run(this.expireBookings, context),
    );
  }

  recent(jobType?: JobType): Promise<JobExecution[]> {
    return this.executions.list(jobType, RECENT_EXECUTIONS, this.clock.now());
  }
}
