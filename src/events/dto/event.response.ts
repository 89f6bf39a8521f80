import { ApiProperty } from '@nestjs/swagger';
import type { Event } from '../domain/event';

export class EventResponse {
  @ApiProperty({ example: '665f1c2b9a7e4b0012345678' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  totalSeats!: number;

  @ApiProperty()
  availableSeats!: number;

  @ApiProperty({ description: 'Minor units (cents)' })
  price!: number;

  @ApiProperty({ format: 'date-time' })
  startsAt!: string;

  static from(event: Event): EventResponse {
    return {
      id: event.id,
      name: event.name,
      totalSeats: event.totalSeats,
      availableSeats: event.availableSeats,
      price: event.price,
      startsAt: event.startsAt.toISOString(),
    };
  }
}
