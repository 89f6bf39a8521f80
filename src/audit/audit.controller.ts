import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/roles.decorator';
import { InvalidRequestError } from '../common/errors/domain-error';
import { ApiProblemResponses } from '../common/errors/api-problem-responses';
import { AuditService } from './audit.service';
import { AuditCursor } from './domain/audit-entry';
import { AuditEntryResponse } from './dto/audit-entry.response';
import { AuditQueryDto } from './dto/audit-query.dto';

export const NEXT_CURSOR_HEADER = 'X-Next-Cursor';

@ApiTags('audit')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOkResponse({
    type: [AuditEntryResponse],
    description: `Matching entries, newest first, one page; the ${NEXT_CURSOR_HEADER} header names the next page when there is one`,
    headers: {
      [NEXT_CURSOR_HEADER]: { description: 'Pass as `cursor` for the next page', schema: { type: 'string' } },
    },
  })
  @ApiProblemResponses(400, 401, 403, 503)
  async find(@Query() query: AuditQueryDto, @Res({ passthrough: true }) res: Response): Promise<AuditEntryResponse[]> {
    const { limit, cursor, ...filter } = query;
    const after = cursor === undefined ? undefined : AuditCursor.decode(cursor);
    if (cursor !== undefined && !after)
      throw new InvalidRequestError('AUDIT.INVALID_CURSOR', 'cursor must be a cursor this API returned');
    const entries = await this.audit.find(filter, limit, after);
    if (entries.length === limit) res.setHeader(NEXT_CURSOR_HEADER, AuditCursor.encode(entries[entries.length - 1]));
    return entries.map((entry) => AuditEntryResponse.from(entry));
  }
}
