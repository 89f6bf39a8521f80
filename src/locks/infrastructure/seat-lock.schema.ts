import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';
import type { LockStatus } from '../domain/seat-lock';

@Schema({ collection: 'seat_locks', timestamps: { createdAt: false, updatedAt: true }, versionKey: false })
export class SeatLockDocument {
  _id!: Types.ObjectId;

  @Prop({ required: true }) eventId!: string;
  @Prop({ required: true }) userId!: string;
  @Prop({ required: true }) seats!: number;
  @Prop({ required: true }) price!: number;
  @Prop({ required: true }) startsAt!: Date;
  @Prop({ required: true, type: String }) status!: LockStatus;
  @Prop({ type: String }) previousStatus?: LockStatus;

  /** Unique with userId: one lock per owner and key, whatever happens to the idempotency record. */
  @Prop({ required: true }) idempotencyKey!: string;

  @Prop({ required: true }) expiresAt!: Date;
  @Prop({ required: true }) createdAt!: Date;
  @Prop() bookingId?: string;
  @Prop() consumedAt?: Date;
  @Prop() returnedBy?: string;
  @Prop({ type: [String], default: undefined }) voidedReturns?: string[];
  @Prop({ required: true }) correlationId!: string;
  @Prop({ required: true }) settled!: boolean;

  updatedAt!: Date;
}

export const SeatLockSchema = SchemaFactory.createForClass(SeatLockDocument);
SeatLockSchema.index({ userId: 1, idempotencyKey: 1 }, { unique: true });
SeatLockSchema.index({ status: 1, expiresAt: 1 });
SeatLockSchema.index({ settled: 1, updatedAt: 1 });
SeatLockSchema.index({ eventId: 1, status: 1 });
