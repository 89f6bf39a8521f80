import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { JOB_TYPES, type JobType } from '../domain/job-execution';

export class ExecutionsQueryDto {
  @ApiPropertyOptional({ enum: JOB_TYPES })
  @IsOptional()
  @IsIn(JOB_TYPES)
  jobType?: JobType;
}
