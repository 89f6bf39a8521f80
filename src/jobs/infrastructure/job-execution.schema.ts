import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { ExecutionStatus, JobResults, JobType, JobTrigger } from '../domain/job-execution';

@Schema({ collection: 'job_executions', versionKey: false })
export class JobExecutionDocument {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true, type: String }) jobType!: JobType;
  @Prop({ required: true, type: String }) status!: ExecutionStatus;
  @Prop({ required: true, type: String }) trigger!: JobTrigger;
  @Prop({ required: true }) owner!: string;
  @Prop({ required: true }) fencingToken!: number;
  @Prop({ required: true }) startedAt!: Date;
  @Prop() completedAt?: Date;
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) results!: JobResults;
  @Prop() failureReason?: string;
  @Prop({ required: true }) expiresAt!: Date;
}

export const JobExecutionSchema = SchemaFactory.createForClass(JobExecutionDocument);
JobExecutionSchema.index({ jobType: 1, startedAt: -1 });
JobExecutionSchema.index({ jobType: 1, status: 1, fencingToken: 1 });
JobExecutionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
