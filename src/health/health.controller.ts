import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/roles.decorator';
import { DatabaseHealth } from '../database/database-health';
import { HealthResponse } from './health.response';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly database: DatabaseHealth) {}

  @Get()
  @HttpCode(200)
  @ApiOkResponse({ type: HealthResponse })
  @ApiServiceUnavailableResponse({ type: HealthResponse, description: 'The database cannot be reached' })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    const up = await this.database.isUp();
    if (!up) res.status(503);
    return { status: up ? 'ok' : 'degraded', db: up ? 'up' : 'down' };
  }
}
