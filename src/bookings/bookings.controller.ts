import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import type { Response } from 'express';
import { CorrelationId } from '../common/correlation/correlation-id.decorator';
import { ApiProblemResponses } from '../common/errors/api-problem-responses';
import { ObjectIdPipe } from '../common/validation/object-id.pipe';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { answerRepeatsEarlierWork } from '../idempotency/repeated-answer';
import { BookingsService } from './bookings.service';
import { BookingResponse } from './dto/booking.response';
import { CancelBookingDto } from './dto/cancel-booking.dto';
import { CreateBookingDto } from './dto/create-booking.dto';

const bookingRetryAudit = (answer: Record<string, unknown>, request: Record<string, unknown>) => ({
  bookingId: answer.id as string | undefined,
  lockId: (answer.seatLockId ?? request.seatLockId) as string | undefined,
  eventId: answer.eventId as string | undefined,
});

@ApiTags('bookings')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Alternative to the idempotencyKey field' })
@Controller('api/bookings')
export class BookingsController {
  constructor(private readonly bookings: BookingsService) {}

  @Post()
  @Idempotent({
    scope: 'bookings.create',
    body: CreateBookingDto,
    keyRequired: false,
    retryAudit: bookingRetryAudit,
  })
  @ApiCreatedResponse({ type: BookingResponse, description: 'The booking, created from the lock' })
  @ApiOkResponse({ type: BookingResponse, description: 'The lock was already confirmed: the same booking' })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422, 503)
  async create(
    @Body() dto: CreateBookingDto,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) res: Response,
    @CurrentPrincipal() actor: Principal,
  ): Promise<BookingResponse> {
    const { booking, created } = await this.bookings.confirm(dto.seatLockId, correlationId, actor);
    res.status(created ? 201 : 200);
    if (!created) answerRepeatsEarlierWork(res);
    return BookingResponse.from(booking);
  }

  @Get(':id')
  @ApiOkResponse({ type: BookingResponse })
  @ApiProblemResponses(400, 401, 404, 503)
  async get(@Param('id', ObjectIdPipe) id: string, @CurrentPrincipal() actor: Principal): Promise<BookingResponse> {
    return BookingResponse.from(await this.bookings.get(id, actor));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Idempotent({ scope: 'bookings.cancel', body: CancelBookingDto, keyRequired: false, retryAudit: bookingRetryAudit })
  @ApiOkResponse({ type: BookingResponse, description: 'CANCELLED, with the refund decided at cancellation' })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422, 503)
  async cancel(
    @Param('id', ObjectIdPipe) id: string,
    @Body() dto: CancelBookingDto,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) res: Response,
    @CurrentPrincipal() actor: Principal,
  ): Promise<BookingResponse> {
    const booking = await this.bookings.cancel(id, dto.reason, correlationId, actor);
    // The booking names the request that cancelled it: another one means this cancel found it done.
    if (booking.correlationId !== correlationId) answerRepeatsEarlierWork(res);
    return BookingResponse.from(booking);
  }
}
