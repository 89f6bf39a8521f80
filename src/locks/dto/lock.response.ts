import { ApiProperty } from '@nestjs/swagger';
import type { SeatLock } from '../domain/seat-lock';

export class LockResponse {
  @ApiProperty() id!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty() userId!: string;
  @ApiProperty() seats!: number;
  @ApiProperty({ enum: ['ACTIVE', 'CONSUMED', 'EXPIRED', 'RELEASED'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty() idempotencyKey!: string;

  static from(lock: SeatLock): LockResponse {
    return {
      id: lock.id,
      eventId: lock.eventId,
      userId: lock.userId,
      seats: lock.seats,
      status: lock.status,
      expiresAt: lock.expiresAt.toISOString(),
      idempotencyKey: lock.idempotencyKey,
    };
  }
}
