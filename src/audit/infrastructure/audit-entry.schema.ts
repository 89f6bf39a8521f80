import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

@Schema({ collection: 'audit_log', versionKey: false, minimize: false })
export class AuditEntryDocument {
  @Prop({ type: String })
  _id!: string;

  @Prop() eventId?: string;
  @Prop() lockId?: string;
  @Prop() bookingId?: string;
  @Prop() attemptId?: string;

  @Prop({ required: true })
  action!: string;

  @Prop({ type: String, default: null })
  fromState!: string | null;

  @Prop({ required: true })
  toState!: string;

  @Prop({ required: true })
  correlationId!: string;

  @Prop({ type: MongooseSchema.Types.Mixed, default: {} })
  metadata!: Record<string, unknown>;

  @Prop({ required: true })
  createdAt!: Date;
}

export const AuditEntrySchema = SchemaFactory.createForClass(AuditEntryDocument);
AuditEntrySchema.index({ createdAt: -1, _id: -1 });
AuditEntrySchema.index({ bookingId: 1, createdAt: 1 });
AuditEntrySchema.index({ lockId: 1, createdAt: 1 });
AuditEntrySchema.index({ action: 1, createdAt: 1 });
