import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EXECUTION_STATUSES, JOB_TRIGGERS, JOB_TYPES, type JobExecution } from '../domain/job-execution';

export class JobResultsResponse {
  @ApiProperty() processed!: number;
  @ApiProperty() errors!: number;
  @ApiProperty({ type: [String] }) details!: string[];
}

export class JobExecutionResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: JOB_TYPES }) jobType!: string;
  @ApiProperty({ enum: EXECUTION_STATUSES }) status!: string;
  @ApiProperty({ enum: JOB_TRIGGERS }) trigger!: string;
  @ApiProperty({ description: 'The instance that ran it' }) owner!: string;
  @ApiProperty({ description: 'Lease fencing token of the run' }) fencingToken!: number;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) completedAt?: string;
  @ApiProperty({ type: JobResultsResponse }) results!: JobResultsResponse;
  @ApiPropertyOptional() failureReason?: string;

  static from(execution: JobExecution): JobExecutionResponse {
    return {
      id: execution.id,
      jobType: execution.jobType,
      status: execution.status,
      trigger: execution.trigger,
      owner: execution.owner,
      fencingToken: execution.fencingToken,
      startedAt: execution.startedAt.toISOString(),
      ...(execution.completedAt && { completedAt: new Date(execution.completedAt).toISOString() }),
      results: execution.results,
      ...(execution.failureReason && { failureReason: execution.failureReason }),
    };
  }
}
