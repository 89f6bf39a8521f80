import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** One document per job type; `_id` is the job type. */
@Schema({ collection: 'job_leases', versionKey: false })
export class JobLeaseDocument {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) owner!: string;
  @Prop({ required: true }) token!: number;
  @Prop({ required: true }) leaseUntil!: Date;
}

export const JobLeaseSchema = SchemaFactory.createForClass(JobLeaseDocument);
