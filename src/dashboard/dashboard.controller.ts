import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/roles.decorator';
import { SCRIPT, StaticPage, STYLESHEET } from './static-page';

const DASHBOARD = new StaticPage('dashboard', { 'dashboard.js': SCRIPT, 'dashboard.css': STYLESHEET });

/** The operator dashboard: a static page whose script reads the app's own endpoints. */
@ApiExcludeController()
@Public()
@Controller('dashboard')
export class DashboardController {
  @Get()
  @Header('Cache-Control', 'no-cache')
  page(@Res() res: Response): void {
    DASHBOARD.sendPage(res);
  }

  @Get(':file')
  @Header('Cache-Control', 'no-cache')
  asset(@Param('file') file: string, @Res() res: Response): void {
    DASHBOARD.sendFile(res, file);
  }
}
