import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';
import type { ForcedOutcome } from '../provider/payment-provider';
import type { AttemptStatus } from '../domain/payment-attempt';

@Schema({ collection: 'payment_attempts', versionKey: false })
export class PaymentAttemptDocument {
  _id!: Types.ObjectId;
  /** Unique: one attempt per key, so a retry resumes the attempt instead of starting a second one. */
  @Prop({ required: true }) idempotencyKey!: string;
  @Prop({ required: true }) bookingId!: string;
  @Prop({ required: true }) amount!: number;
  @Prop({ required: true, type: String }) force!: ForcedOutcome;
  @Prop({ required: true, type: String }) status!: AttemptStatus;
  @Prop() chargeId?: string;
  @Prop({ required: true }) correlationId!: string;
  @Prop({ required: true }) createdAt!: Date;
  @Prop({ required: true }) expiresAt!: Date;
}

export const PaymentAttemptSchema = SchemaFactory.createForClass(PaymentAttemptDocument);
PaymentAttemptSchema.index({ idempotencyKey: 1 }, { unique: true });
PaymentAttemptSchema.index({ bookingId: 1, status: 1 });
PaymentAttemptSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
