import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { ApiProblemResponses } from '../common/errors/api-problem-responses';
import { ObjectIdPipe } from '../common/validation/object-id.pipe';
import { Idempotent } from '../idempotency/idempotent.decorator';
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
  async create(@Body() dto: CreateEventDto): Promise<EventResponse> {
    return EventResponse.from(await this.events.schedule({ ...dto, startsAt: new Date(dto.startsAt) }));
  }

  @Get(':id')
  @ApiOkResponse({ type: EventResponse })
  @ApiProblemResponses(400, 401, 404, 503)
  async get(@Param('id', ObjectIdPipe) id: string): Promise<EventResponse> {
    return EventResponse.from(await this.events.get(id));
  }
}
