import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';
import type { BookingStatus, Cancellation, Payment } from '../domain/booking';

@Schema({ collection: 'bookings', timestamps: { createdAt: false, updatedAt: true }, versionKey: false })
export class BookingDocument {
  _id!: Types.ObjectId;

  /** Unique: one booking per lock, whichever request, retry or job created it. */
  @Prop({ required: true }) seatLockId!: string;
  @Prop({ required: true }) eventId!: string;
  @Prop({ required: true }) userId!: string;
  @Prop({ required: true }) seats!: number;
  @Prop({ required: true }) amount!: number;
  @Prop({ required: true }) startsAt!: Date;
  @Prop({ required: true, type: String }) status!: BookingStatus;
  @Prop({ type: String }) previousStatus?: BookingStatus;
  @Prop({ required: true }) expiresAt!: Date;
  @Prop({ required: true }) createdAt!: Date;
  @Prop({ type: MongooseSchema.Types.Mixed }) payment?: Payment;
  @Prop({ type: MongooseSchema.Types.Mixed }) cancellation?: Cancellation;
  @Prop() returnedBy?: string;
  @Prop({ type: [String], default: undefined }) voidedReturns?: string[];
  @Prop({ required: true }) correlationId!: string;
  @Prop({ required: true }) settled!: boolean;

  updatedAt!: Date;
}

export const BookingSchema = SchemaFactory.createForClass(BookingDocument);
BookingSchema.index({ seatLockId: 1 }, { unique: true });
BookingSchema.index({ status: 1, expiresAt: 1 });
BookingSchema.index({ settled: 1, updatedAt: 1 });
BookingSchema.index({ eventId: 1, status: 1 });
