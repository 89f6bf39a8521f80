import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';
import type { AttemptStatus } from '../domain/payment-attempt';
import type { RequestedOutcome } from '../domain/requested-outcome';

@Schema({ collection: 'payment_attempts', versionKey: false, timestamps: { createdAt: false, updatedAt: true } })
export class PaymentAttemptDocument {
  _id!: Types.ObjectId;
  /** `<bookingId> <key>`, unique: one attempt per booking and key, so a retry resumes it instead of starting another. */
  @Prop({ required: true }) attemptKey!: string;
  /**
   * Unique: the booking's id while the attempt holds its one payment slot (keepsPaymentSlot), else the
   * attempt's own id — never missing, since a unique index counts missing values as one.
   */
  @Prop({ required: true }) bookingSlot!: string;
  @Prop({ required: true }) idempotencyKey!: string;
  @Prop({ required: true }) bookingId!: string;
  @Prop({ required: true }) amount!: number;
  @Prop({ required: true, type: String }) force!: RequestedOutcome;
  @Prop({ required: true, type: String }) status!: AttemptStatus;
  @Prop({ type: String }) previousStatus?: AttemptStatus;
  @Prop() chargeId?: string;
  @Prop() refundId?: string;
  @Prop({ type: String }) failure?: 'DECLINED' | 'ABANDONED';
  @Prop({ required: true }) correlationId!: string;
  @Prop({ required: true }) createdAt!: Date;
  @Prop() purgeAt?: Date;
  @Prop({ required: true }) settled!: boolean;
  updatedAt!: Date;
}

export const PaymentAttemptSchema = SchemaFactory.createForClass(PaymentAttemptDocument);
PaymentAttemptSchema.index({ attemptKey: 1 }, { unique: true });
PaymentAttemptSchema.index({ bookingSlot: 1 }, { unique: true });
// The jobs' sweep reads `status: PROCESSING` or `settled: false`: one index per branch of its $or.
PaymentAttemptSchema.index({ status: 1, createdAt: 1 });
PaymentAttemptSchema.index({ settled: 1, updatedAt: 1 });
// Only finished attempts carry purgeAt, so the TTL monitor never deletes one whose money is still open.
PaymentAttemptSchema.index({ purgeAt: 1 }, { expireAfterSeconds: 0 });
