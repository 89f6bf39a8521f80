import { Logger } from '@nestjs/common';
import { ScheduleModule, SchedulerRegistry } from '@nestjs/schedule';
import { Test, type TestingModule } from '@nestjs/testing';
import { AppConfig, DEFAULT_JOBS_CRON } from '../config/app-config';
import { JobAlreadyRunningError } from './domain/job-already-running.error';
import { JOB_TYPES, type JobType, type JobTrigger } from './domain/job-execution';
import { JobsScheduler } from './jobs.scheduler';
import { JobsService } from './jobs.service';

/** The job service as the scheduler sees it: it records every run it is asked for. */
class RecordingJobsService {
  readonly runs: Array<{ jobType: JobType; trigger: string }> = [];
  refuse: Error | undefined;

  async run(jobType: JobType, trigger: JobTrigger): Promise<void> {
    this.runs.push({ jobType, trigger });
    if (this.refuse) throw this.refuse;
  }

  count(jobType: JobType): number {
    return this.runs.filter((r) => r.jobType === jobType).length;
  }
}

// One second past a minute, so the default schedule (on the minute) would not tick for 59 s.
const START = new Date('2030-01-01T12:00:01.000Z');
const EVERY_5_SECONDS = '*/5 * * * * *';

describe('JobsScheduler', () => {
  let jobs: RecordingJobsService;
  let moduleRef: TestingModule | undefined;

  const boot = async (settings: Partial<AppConfig>): Promise<SchedulerRegistry> => {
    moduleRef = await Test.createTestingModule({
      imports: [ScheduleModule.forRoot()],
      providers: [
        JobsScheduler,
        { provide: JobsService, useValue: jobs },
        { provide: AppConfig, useValue: Object.assign(new AppConfig(), settings) },
      ],
    }).compile();
    await moduleRef.init();
    return moduleRef.get(SchedulerRegistry);
  };

  beforeEach(() => {
    jest.useFakeTimers({ now: START });
    jobs = new RecordingJobsService();
  });

  afterEach(async () => {
    await moduleRef?.close();
    moduleRef = undefined;
    jest.useRealTimers();
  });

  describe('onApplicationBootstrap', () => {
    it('puts both named @Cron jobs on JOBS_CRON and starts them when JOBS_CRON_ENABLED', async () => {
      const registry = await boot({ JOBS_CRON_ENABLED: true, JOBS_CRON: EVERY_5_SECONDS });

      for (const jobType of JOB_TYPES) {
        const job = registry.getCronJob(jobType);
        expect(job.cronTime.source).toBe(EVERY_5_SECONDS);
        expect(job.isActive).toBe(true);
      }
    });

    it('leaves both named jobs registered but stopped, on JOBS_CRON, when JOBS_CRON_ENABLED is false', async () => {
      const registry = await boot({ JOBS_CRON_ENABLED: false, JOBS_CRON: EVERY_5_SECONDS });

      for (const jobType of JOB_TYPES) {
        const job = registry.getCronJob(jobType);
        expect(job.cronTime.source).toBe(EVERY_5_SECONDS);
        expect(job.isActive).toBe(false);
      }
    });
  });

  describe('ticks', () => {
    it('runs both jobs with trigger "cron" on the configured schedule, not the decorator’s default', async () => {
      await boot({ JOBS_CRON_ENABLED: true, JOBS_CRON: EVERY_5_SECONDS });

      await jest.advanceTimersByTimeAsync(3_000);
      expect(jobs.runs).toEqual([]);

      // :05, :10, :15 and :20 have passed; the default would not have ticked before 12:01:00.
      await jest.advanceTimersByTimeAsync(19_000);
      for (const jobType of JOB_TYPES) expect(jobs.count(jobType)).toBe(4);
      expect(jobs.runs.every((r) => r.trigger === 'cron')).toBe(true);
    });

    it('runs on the decorator’s default when JOBS_CRON is left at its default', async () => {
      await boot({ JOBS_CRON_ENABLED: true, JOBS_CRON: DEFAULT_JOBS_CRON });

      await jest.advanceTimersByTimeAsync(58_000);
      expect(jobs.runs).toEqual([]);

      await jest.advanceTimersByTimeAsync(2_000);
      for (const jobType of JOB_TYPES) expect(jobs.count(jobType)).toBe(1);
    });

    it('never ticks when JOBS_CRON_ENABLED is false, whatever the schedule', async () => {
      await boot({ JOBS_CRON_ENABLED: false, JOBS_CRON: EVERY_5_SECONDS });

      await jest.advanceTimersByTimeAsync(10 * 60_000);

      expect(jobs.runs).toEqual([]);
    });

    it('keeps ticking after a run another instance holds (quietly) or one that fails to start (logged)', async () => {
      const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      await boot({ JOBS_CRON_ENABLED: true, JOBS_CRON: EVERY_5_SECONDS });

      jobs.refuse = new JobAlreadyRunningError('EXPIRE_LOCKS', 5);
      await jest.advanceTimersByTimeAsync(5_000);
      jobs.refuse = new Error('database went away');
      await jest.advanceTimersByTimeAsync(5_000);
      jobs.refuse = undefined;
      await jest.advanceTimersByTimeAsync(5_000);

      for (const jobType of JOB_TYPES) expect(jobs.count(jobType)).toBe(3);
      expect(logged.mock.calls.map((call) => call[1] as string).sort()).toEqual([
        'scheduled EXPIRE_BOOKINGS failed to start',
        'scheduled EXPIRE_LOCKS failed to start',
      ]);
      logged.mockRestore();
    });
  });
});
