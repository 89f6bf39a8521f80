import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BOOKING_STATES, REFUND_STATUSES, type Booking } from '../domain/booking';
import { REFUND_POLICIES } from '../domain/refund-policy';

export class RefundResponse {
  @ApiProperty({ description: 'Minor units (cents)' }) amount!: number;
  @ApiProperty({ enum: REFUND_POLICIES }) policy!: string;
  @ApiProperty() percent!: number;
  @ApiProperty({ enum: REFUND_STATUSES }) status!: string;
}

export class BookingResponse {
  @ApiProperty() id!: string;
  @ApiProperty() seatLockId!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty() userId!: string;
  @ApiProperty() seats!: number;
  @ApiProperty({ description: 'Minor units (cents)' }) amount!: number;
  @ApiProperty({ enum: BOOKING_STATES.states(() => true) }) status!: string;
  @ApiProperty({ format: 'date-time', description: 'End of the payment window' }) expiresAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) paidAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) cancelledAt?: string;
  @ApiPropertyOptional({ type: RefundResponse }) refund?: RefundResponse;

  static from(booking: Booking): BookingResponse {
    const refund = booking.cancellation?.refund;
    return {
      id: booking.id,
      seatLockId: booking.seatLockId,
      eventId: booking.eventId,
      userId: booking.userId,
      seats: booking.seats,
      amount: booking.amount,
      status: booking.status,
      expiresAt: booking.expiresAt.toISOString(),
      ...(booking.payment && { paidAt: new Date(booking.payment.paidAt).toISOString() }),
      ...(booking.cancellation && { cancelledAt: new Date(booking.cancellation.cancelledAt).toISOString() }),
      ...(refund && {
        refund: { amount: refund.amount, policy: refund.policy, percent: refund.percent, status: refund.status },
      }),
    };
  }
}
