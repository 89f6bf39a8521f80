import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { ApiProblemResponses } from '../common/errors/api-problem-responses';
import { ObjectIdPipe } from '../common/validation/object-id.pipe';
import { IdempotencyKeyReusedError } from '../idempotency/idempotency-errors';
import { IdempotencyKey } from '../idempotency/idempotency-key.decorator';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { answerRepeatsEarlierWork } from '../idempotency/repeated-answer';
import { CreateEventDto } from './dto/create-event.dto';
import { EventResponse } from './dto/event.response';
import { EventsService } from './events.service';

@ApiTags('events')
@ApiBearerAuth()
@Controller('api/events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Post()
  @Roles('organizer')
  @Idempotent({
    scope: 'events.create',
    body: CreateEventDto,
    keyRequired: false,
    retryAudit: (answer) => ({ eventId: answer.id as string | undefined }),
  })
  @ApiCreatedResponse({ type: EventResponse })
  @ApiProblemResponses(400, 401, 403, 422, 503)
  async create(
    @Body() dto: CreateEventDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
    @CurrentPrincipal() actor: Principal,
  ): Promise<EventResponse> {
    const request = { name: dto.name, totalSeats: dto.totalSeats, price: dto.price, startsAt: new Date(dto.startsAt) };
    const { event, created } = await this.events.schedule({
      ...request,
      // One event per key and person: two organizers' keys never name the same event.
      idempotencyKey: idempotencyKey === undefined ? undefined : actor.qualify(idempotencyKey),
    });
    if (!created) {
      // The key scheduled an event before (this request ran twice, or the key came back after its record).
      if (!event.isScheduleOf(request)) throw new IdempotencyKeyReusedError();
      answerRepeatsEarlierWork(res);
    }
    return EventResponse.from(event);
  }

  @Get(':id')
  @ApiOkResponse({ type: EventResponse })
  @ApiProblemResponses(400, 401, 404, 503)
  async get(@Param('id', ObjectIdPipe) id: string): Promise<EventResponse> {
    return EventResponse.from(await this.events.get(id));
  }
}
