import { ApiProperty } from '@nestjs/swagger';
import { BOOKING_STATES } from '../../bookings/domain/booking';
import type { PaymentOutcome } from '../payments.service';

export class PaymentIntentResponse {
  @ApiProperty() attemptId!: string;
  @ApiProperty() bookingId!: string;
  @ApiProperty({ description: 'Minor units (cents)' }) amount!: number;
  @ApiProperty({ enum: ['SUCCEEDED', 'FAILED'] }) status!: 'SUCCEEDED' | 'FAILED';
  @ApiProperty({ enum: BOOKING_STATES.states(() => true) }) bookingStatus!: string;
  @ApiProperty({ description: 'True when this answer repeats or continues an earlier request with the same key' })
  isRetry!: boolean;

  static from({ attempt, booking, resumed }: PaymentOutcome): PaymentIntentResponse {
    return {
      attemptId: attempt.id,
      bookingId: attempt.bookingId,
      amount: attempt.amount,
      status: attempt.status === 'FAILED' ? 'FAILED' : 'SUCCEEDED',
      bookingStatus: booking.status,
      isRetry: resumed,
    };
  }
}
