import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { join } from 'node:path';
import { Public } from '../auth/roles.decorator';

/** From src/dashboard (ts-node, tests) and dist/dashboard (npm start) alike, the folder is two levels up. */
const ASSETS = join(__dirname, '..', '..', 'public', 'dashboard');

/** The only files served: a fixed list, so no request path ever reaches the file system. */
const FILES: Record<string, string> = {
  'dashboard.js': 'application/javascript; charset=utf-8',
  'dashboard.css': 'text/css; charset=utf-8',
};

/** The operator dashboard: a static page whose script reads the app's own endpoints. */
@ApiExcludeController()
@Public()
@Controller('dashboard')
export class DashboardController {
  @Get()
  @Header('Cache-Control', 'no-cache')
  page(@Res() res: Response): void {
    res.type('text/html; charset=utf-8').sendFile(join(ASSETS, 'index.html'));
  }

  @Get(':file')
  @Header('Cache-Control', 'no-cache')
  asset(@Param('file') file: string, @Res() res: Response): void {
    const type = FILES[file];
    if (!type) throw new NotFoundException(`No dashboard file ${file.slice(0, 64)}`);
    res.type(type).sendFile(join(ASSETS, file));
  }
}
