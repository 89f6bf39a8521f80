import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';
import type { SeatMove } from '../../events/domain/seat-move';

@Schema({ collection: 'events', timestamps: true, versionKey: false, minimize: false })
export class EventDocument {
  _id!: Types.ObjectId;

  @Prop({ required: true })
  name!: string;

  @Prop({ required: true })
  totalSeats!: number;

  @Prop({ required: true })
  availableSeats!: number;

  @Prop({ required: true })
  price!: number;

  @Prop({ required: true })
  startsAt!: Date;

  /**
   * Seat moves in flight, keyed by move id (domain/seat-move.ts). A keyed map rather than an array:
   * FerretDB 1.x `$pull` matches only whole elements, and a key gives an exact, engine-independent guard.
   */
  @Prop({ type: MongooseSchema.Types.Mixed, default: {} })
  pending!: Record<string, Omit<SeatMove, 'id'>>;
}

export const EventSchema = SchemaFactory.createForClass(EventDocument);
