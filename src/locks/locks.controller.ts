import { Body, Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { CorrelationId } from '../common/correlation/correlation-id.decorator';
import { ApiProblemResponses } from '../common/errors/api-problem-responses';
import { ObjectIdPipe } from '../common/validation/object-id.pipe';
import { IdempotencyKey } from '../idempotency/idempotency-key.decorator';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { answerRepeatsEarlierWork } from '../idempotency/repeated-answer';
import { SeatsUnavailableError, UserIdRequiredError } from './domain/lock-errors';
import type { SeatLock } from './domain/seat-lock';
import { CreateLockDto } from './dto/create-lock.dto';
import { LockResponse } from './dto/lock.response';
import { ReleaseLockDto } from './dto/release-lock.dto';
import { LocksService } from './locks.service';

/**
 * The lock names the request that made its last transition: another request's lock (its key's twin, or
 * RELEASED already) means this one repeated that work.
 */
function answered(lock: SeatLock, correlationId: string, res: Response): LockResponse {
  if (lock.correlationId !== correlationId) answerRepeatsEarlierWork(res);
  return LockResponse.from(lock);
}

const lockRetryAudit = (answer: Record<string, unknown>, request: Record<string, unknown>) => ({
  lockId: answer.id as string | undefined,
  eventId: (answer.eventId ?? request.eventId) as string | undefined,
});

@ApiTags('locks')
@ApiBearerAuth()
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Alternative to the idempotencyKey field' })
@Controller('api/locks')
export class LocksController {
  constructor(private readonly locks: LocksService) {}

  @Post()
  @Idempotent({
    scope: 'locks.create',
    body: CreateLockDto,
    keyRequired: true,
    finalErrors: [SeatsUnavailableError],
    retryAudit: lockRetryAudit,
  })
  @ApiCreatedResponse({ type: LockResponse })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422, 503)
  async create(
    @Body() dto: CreateLockDto,
    @IdempotencyKey() idempotencyKey: string,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) res: Response,
    @CurrentPrincipal() actor: Principal,
  ): Promise<LockResponse> {
    const { eventId, seats } = dto;
    const userId = actor.ownerNamed(dto.userId);
    if (userId === undefined) throw new UserIdRequiredError();
    return answered(
      await this.locks.open({ eventId, userId, seats, idempotencyKey }, correlationId),
      correlationId,
      res,
    );
  }

  @Get(':id')
  @ApiOkResponse({ type: LockResponse })
  @ApiProblemResponses(400, 401, 404, 503)
  async get(@Param('id', ObjectIdPipe) id: string, @CurrentPrincipal() actor: Principal): Promise<LockResponse> {
    return LockResponse.from(await this.locks.get(id, actor));
  }

  @Delete(':id')
  @HttpCode(200)
  @Idempotent({ scope: 'locks.release', body: ReleaseLockDto, keyRequired: false, retryAudit: lockRetryAudit })
  @ApiOkResponse({ type: LockResponse, description: 'The lock, RELEASED; releasing again answers the same' })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422, 503)
  async release(
    @Param('id', ObjectIdPipe) id: string,
    @Body() _dto: ReleaseLockDto,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) res: Response,
    @CurrentPrincipal() actor: Principal,
  ): Promise<LockResponse> {
    return answered(await this.locks.release(id, correlationId, actor), correlationId, res);
  }
}
