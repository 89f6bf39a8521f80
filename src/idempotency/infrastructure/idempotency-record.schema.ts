import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { StoredResponse } from '../idempotency-record';

/** `_id` is `<scope> <key>`: unique on every engine, and never a missing value. */
@Schema({ collection: 'idempotency_records', versionKey: false, minimize: false })
export class IdempotencyRecordDocument {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true }) scope!: string;
  @Prop({ required: true }) key!: string;
  @Prop({ required: true }) fingerprint!: string;
  @Prop({ required: true, type: String }) state!: 'IN_PROGRESS' | 'COMPLETED';
  @Prop({ required: true }) leaseToken!: string;
  @Prop({ required: true }) leaseUntil!: Date;
  @Prop({ required: true }) correlationId!: string;
  @Prop({ required: true }) createdAt!: Date;
  @Prop({ required: true }) expiresAt!: Date;
  @Prop({ type: MongooseSchema.Types.Mixed }) response?: StoredResponse;
  @Prop() completedAt?: Date;
}

export const IdempotencyRecordSchema = SchemaFactory.createForClass(IdempotencyRecordDocument);
IdempotencyRecordSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
