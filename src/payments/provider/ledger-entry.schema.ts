import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { ChargeStatus } from '../domain/charge-result';
import type { LedgerEntryType } from './payment-provider';

/** The simulated provider's books. `_id` is the provider-side idempotency key, so a key moves money once. */
@Schema({ collection: 'provider_ledger', versionKey: false })
export class LedgerEntryDocument {
  @Prop({ type: String }) _id!: string;
  @Prop({ required: true, type: String }) type!: LedgerEntryType;
  @Prop({ required: true, type: String }) status!: ChargeStatus;
  @Prop({ required: true }) bookingId!: string;
  @Prop({ required: true }) amount!: number;
  @Prop() chargeId?: string;
  @Prop({ required: true }) createdAt!: Date;
}

export const LedgerEntrySchema = SchemaFactory.createForClass(LedgerEntryDocument);
LedgerEntrySchema.index({ bookingId: 1, createdAt: 1 });
