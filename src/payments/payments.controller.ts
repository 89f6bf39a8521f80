import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { CorrelationId } from '../common/correlation/correlation-id.decorator';
import { ApiProblemResponses } from '../common/errors/api-problem-responses';
import { IdempotencyKey } from '../idempotency/idempotency-key.decorator';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { answerRepeatsEarlierWork } from '../idempotency/repeated-answer';
import { ChargesQueryDto } from './dto/charges-query.dto';
import { CreatePaymentIntentDto } from './dto/create-payment-intent.dto';
import { LedgerEntryResponse } from './dto/ledger-entry.response';
import { PaymentIntentResponse } from './dto/payment-intent.response';
import { PaymentsService } from './payments.service';

@ApiTags('payments')
@ApiBearerAuth()
@Controller('api/payments')
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  @Post('intent')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Alternative to the idempotencyKey field' })
  @Idempotent({
    scope: 'payments.intent',
    body: CreatePaymentIntentDto,
    keyRequired: true,
    flagRetryInBody: true,
    retryAudit: (answer, request) => ({
      action: 'PAYMENT_RETRY',
      fromState: 'PAYMENT_RETRY',
      toState: 'PAYMENT_RETRY',
      bookingId: (answer.bookingId ?? request.bookingId) as string | undefined,
      attemptId: answer.attemptId as string | undefined,
      metadata: { originalAttemptId: answer.attemptId },
    }),
  })
  @ApiCreatedResponse({ type: PaymentIntentResponse, description: 'Charged (SUCCEEDED) or declined (FAILED)' })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422, 502, 503, 504)
  async intent(
    @Body() dto: CreatePaymentIntentDto,
    @IdempotencyKey() idempotencyKey: string,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() actor: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PaymentIntentResponse> {
    const { bookingId, amount, force } = dto;
    const outcome = await this.payments.pay({ bookingId, amount, force, idempotencyKey }, correlationId, actor);
    if (outcome.resumed) answerRepeatsEarlierWork(res);
    return PaymentIntentResponse.from(outcome);
  }

  @Get('charges')
  @ApiOkResponse({ type: [LedgerEntryResponse], description: "The provider's ledger for the booking, oldest first" })
  @ApiProblemResponses(400, 401, 404, 503)
  async charges(@Query() query: ChargesQueryDto, @CurrentPrincipal() actor: Principal): Promise<LedgerEntryResponse[]> {
    const entries = await this.payments.ledger(query.bookingId, query.limit, actor);
    return entries.map((entry) => LedgerEntryResponse.from(entry));
  }
}
