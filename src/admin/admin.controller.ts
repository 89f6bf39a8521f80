import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminTokenGuard } from '../common/auth/admin-token.guard';
import { ApiProblemResponses } from '../common/errors/api-problem-responses';
import { ConsistencyReportResponse } from './consistency-report.response';
import { ConsistencyService } from './consistency.service';

@ApiTags('admin')
@ApiBearerAuth()
@UseGuards(AdminTokenGuard)
@Controller('api/admin')
export class AdminController {
  constructor(private readonly consistency: ConsistencyService) {}

  @Get('consistency')
  @ApiOkResponse({ type: ConsistencyReportResponse })
  @ApiProblemResponses(401, 503)
  check(): Promise<ConsistencyReportResponse> {
    return this.consistency.check();
  }
}
