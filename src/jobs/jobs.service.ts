import { Injectable } from '@nestjs/common';
import type { JobExecution, JobType } from './domain/job-execution';
import { JobExecutionsRepository } from './job-executions.repository';
import { JobRunner } from './job-runner';
import { ExpireBookingsWork } from './work/expire-bookings.work';
import { ExpireLocksWork } from './work/expire-locks.work';

const RECENT_EXECUTIONS = 50;

@Injectable()
export class JobsService {
  constructor(
    private readonly runner: JobRunner,
    private readonly executions: JobExecutionsRepository,
    private readonly expireLocksWork: ExpireLocksWork,
    private readonly expireBookingsWork: ExpireBookingsWork,
  ) {}

  run(jobType: JobType, trigger: 'manual' | 'cron'): Promise<JobExecution> {
    const work = jobType === 'EXPIRE_LOCKS' ? this.expireLocksWork : this.expireBookingsWork;
    return this.runner.run(jobType, trigger, (context) => work.run(context));
  }

  recent(jobType?: JobType): Promise<JobExecution[]> {
    return this.executions.list(jobType, RECENT_EXECUTIONS);
  }
}
