import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminTokenGuard } from '../common/auth/admin-token.guard';
import { ApiProblemResponses } from '../common/errors/api-problem-responses';
import { AuditService } from './audit.service';
import { AuditEntryResponse } from './dto/audit-entry.response';
import { AuditQueryDto } from './dto/audit-query.dto';

@ApiTags('audit')
@ApiBearerAuth()
@UseGuards(AdminTokenGuard)
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOkResponse({ type: [AuditEntryResponse], description: 'Matching entries, oldest first' })
  @ApiProblemResponses(400, 401, 503)
  async find(@Query() query: AuditQueryDto): Promise<AuditEntryResponse[]> {
    return (await this.audit.find(query)).map(AuditEntryResponse.from);
  }
}
