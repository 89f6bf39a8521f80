import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/roles.decorator';
import { SCRIPT, StaticPage, STYLESHEET } from './static-page';

/** checkout.js is the bundle `npm run build:checkout` makes of client/checkout (the typed client included). */
const CHECKOUT = new StaticPage('checkout', { 'checkout.js': SCRIPT, 'checkout.css': STYLESHEET });

/** The customer checkout, /checkout?event=<id>: hold seats, confirm, pay, through the retrying client. */
@ApiExcludeController()
@Public()
@Controller('checkout')
export class CheckoutController {
  @Get()
  @Header('Cache-Control', 'no-cache')
  page(@Res() res: Response): void {
    CHECKOUT.sendPage(res);
  }

  @Get(':file')
  @Header('Cache-Control', 'no-cache')
  asset(@Param('file') file: string, @Res() res: Response): void {
    CHECKOUT.sendFile(res, file);
  }
}
