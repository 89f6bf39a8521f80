import { ApiProperty } from '@nestjs/swagger';
import { LOCK_STATES, type SeatLock } from '../domain/seat-lock';

export class LockResponse {
  @ApiProperty() id!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty() userId!: string;
  @ApiProperty() seats!: number;
  /** The states clients see: every audited one (ABANDONED, a fence, is never shown). */
  @ApiProperty({ enum: LOCK_STATES.states((rule) => rule.audit !== undefined) }) status!: string;
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
