import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AppConfig } from '../config/app-config';
import { JobAlreadyRunningError } from './domain/job-already-running.error';
import { JOB_TYPES, type JobType } from './domain/job-execution';
import { JobsService } from './jobs.service';

/**
 * Schedules both expiry jobs on JOBS_CRON in every instance; the job lease makes one instance run
 * each tick and the others skip. Registered through @nestjs/schedule's registry rather than a static
 * @Cron decorator so the schedule and the on/off switch come from validated configuration.
 */
@Injectable()
export class JobsScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(JobsScheduler.name);

  constructor(
    private readonly jobs: JobsService,
    private readonly registry: SchedulerRegistry,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.JOBS_CRON_ENABLED) {
      this.logger.log('Scheduled jobs are off (JOBS_CRON_ENABLED=false)');
      return;
    }
    for (const jobType of JOB_TYPES) {
      const cron = CronJob.from({ cronTime: this.config.JOBS_CRON, onTick: () => this.tick(jobType), start: true });
      this.registry.addCronJob(jobType, cron);
    }
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
