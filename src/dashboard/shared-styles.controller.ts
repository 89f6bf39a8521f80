import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/roles.decorator';
import { StaticPage, STYLESHEET } from './static-page';

const SHARED = new StaticPage('shared', { 'pages.css': STYLESHEET });

/** The stylesheet the checkout and the dashboard share, at one address so a browser fetches it once. */
@ApiExcludeController()
@Public()
@Controller('shared')
export class SharedStylesController {
  @Get('pages.css')
  @Header('Cache-Control', 'no-cache')
  stylesheet(@Res() res: Response): void {
    SHARED.sendFile(res, 'pages.css');
  }
}
