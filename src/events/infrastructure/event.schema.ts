import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema, Types } from 'mongoose';

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
   * Seats held, keyed by holder (lock id). A map rather than an array of {ref, seats}: FerretDB 1.x
   * `$pull` matches only whole elements, and a keyed field gives an exact, engine-independent guard.
   */
  @Prop({ type: MongooseSchema.Types.Mixed, default: {} })
  holds!: Record<string, number>;
}

export const EventSchema = SchemaFactory.createForClass(EventDocument);
