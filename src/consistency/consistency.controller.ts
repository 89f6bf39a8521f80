import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { ApiProblemResponses } from '../common/errors/api-problem-responses';
import { ConsistencyReportResponse } from './consistency-report.response';
import { ConsistencyService } from './consistency.service';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/admin')
export class ConsistencyController {
  constructor(private readonly consistency: ConsistencyService) {}

  @Get('consistency')
  @ApiOkResponse({ type: ConsistencyReportResponse })
  @ApiProblemResponses(401, 403, 503)
  check(): Promise<ConsistencyReportResponse> {
    return this.consistency.check();
  }
}
