import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Cron, SchedulerRegistry } from '@nestjs/schedule';
import { CronTime } from 'cron';
import { AppConfig, DEFAULT_JOBS_CRON } from '../config/app-config';
import { JobAlreadyRunningError } from './domain/job-already-running.error';
import { JOB_TYPES, type JobType } from './domain/job-execution';
import { JobsService } from './jobs.service';

/**
 * Schedules both expiry jobs on JOBS_CRON in every instance; the job lease makes one instance run
 * each tick and the others skip. Each job is a named @Cron method, but a decorator only takes a static
 * expression, so both declare the default and start disabled: at bootstrap the validated JOBS_CRON
 * replaces it and JOBS_CRON_ENABLED decides whether they start. A disabled service never ticks at all.
 */
@Injectable()
export class JobsScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(JobsScheduler.name);

  constructor(
    private readonly jobs: JobsService,
    private readonly registry: SchedulerRegistry,
    private readonly config: AppConfig,
  ) {}

  @Cron(DEFAULT_JOBS_CRON, { name: 'EXPIRE_LOCKS' satisfies JobType, disabled: true })
  expireLocks(): Promise<void> {
    return this.tick('EXPIRE_LOCKS');
  }

  @Cron(DEFAULT_JOBS_CRON, { name: 'EXPIRE_BOOKINGS' satisfies JobType, disabled: true })
  expireBookings(): Promise<void> {
    return this.tick('EXPIRE_BOOKINGS');
  }

  /** Runs after @nestjs/schedule (a global module, bootstrapped first) has registered the named jobs. */
  onApplicationBootstrap(): void {
    for (const jobType of JOB_TYPES) {
      const job = this.registry.getCronJob(jobType);
      job.setTime(new CronTime(this.config.JOBS_CRON));
      if (this.config.JOBS_CRON_ENABLED) job.start();
    }
    if (!this.config.JOBS_CRON_ENABLED) this.logger.log('Scheduled jobs are off (JOBS_CRON_ENABLED=false)');
  }

  private async tick(jobType: JobType): Promise<void> {
    try {
      await this.jobs.run(jobType, 'cron');
    } catch (error) {
      if (error instanceof JobAlreadyRunningError) return;
      this.logger.error({ err: error }, `scheduled ${jobType} failed to start`);
    }
  }
}
