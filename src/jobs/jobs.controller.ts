import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { ApiProblemResponses } from '../common/errors/api-problem-responses';
import { Idempotent } from '../idempotency/idempotent.decorator';
import type { JobType } from './domain/job-execution';
import { ExecutionsQueryDto } from './dto/executions-query.dto';
import { JobExecutionResponse } from './dto/job-execution.response';
import { RunJobDto } from './dto/run-job.dto';
import { JobsService } from './jobs.service';

const jobRetryAudit = () => ({});

@ApiTags('jobs')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Post('expire-locks')
  @HttpCode(200)
  @Idempotent({ scope: 'jobs.expire-locks', body: RunJobDto, keyRequired: false, retryAudit: jobRetryAudit })
  @ApiOkResponse({ type: JobExecutionResponse })
  @ApiProblemResponses(401, 403, 409, 503)
  expireLocks(@Body() _dto: RunJobDto): Promise<JobExecutionResponse> {
    return this.run('EXPIRE_LOCKS');
  }

  @Post('expire-bookings')
  @HttpCode(200)
  @Idempotent({ scope: 'jobs.expire-bookings', body: RunJobDto, keyRequired: false, retryAudit: jobRetryAudit })
  @ApiOkResponse({ type: JobExecutionResponse })
  @ApiProblemResponses(401, 403, 409, 503)
  expireBookings(@Body() _dto: RunJobDto): Promise<JobExecutionResponse> {
    return this.run('EXPIRE_BOOKINGS');
  }

  @Get('executions')
  @ApiOkResponse({ type: [JobExecutionResponse], description: 'Recent executions, newest first' })
  @ApiProblemResponses(400, 401, 403, 503)
  async executions(@Query() query: ExecutionsQueryDto): Promise<JobExecutionResponse[]> {
    return (await this.jobs.recent(query.jobType)).map((execution) => JobExecutionResponse.from(execution));
  }

  private async run(jobType: JobType): Promise<JobExecutionResponse> {
    return JobExecutionResponse.from(await this.jobs.run(jobType, 'manual'));
  }
}
