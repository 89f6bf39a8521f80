import { IsIn, IsOptional } from 'class-validator';
import { JOB_TYPES, type JobType } from '../domain/job-execution';

export class ExecutionsQueryDto {
  @IsOptional()
  @IsIn(JOB_TYPES)
  jobType?: JobType;
}
