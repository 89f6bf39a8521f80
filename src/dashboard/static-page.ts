import { NotFoundException } from '@nestjs/common';
import type { Response } from 'express';
import { join } from 'node:path';

/**
 * A static page under public/<folder>: index.html and a fixed list of files, so no request path ever
 * reaches the file system. From src/dashboard (ts-node, tests) and dist/dashboard (npm start) alike,
 * public/ is two levels up.
 */
export class StaticPage {
  private readonly folder: string;

  constructor(
    folder: string,
    private readonly files: Record<string, string>,
  ) {
    this.folder = join(__dirname, '..', '..', 'public', folder);
  }

  sendPage(res: Response): void {
    res.type('text/html; charset=utf-8').sendFile(join(this.folder, 'index.html'));
  }

  sendFile(res: Response, file: string): void {
    const type = this.files[file];
    if (!type) throw new NotFoundException(`No such file ${file.slice(0, 64)}`);
    res.type(type).sendFile(join(this.folder, file));
  }
}

export const SCRIPT = 'application/javascript; charset=utf-8';
export const STYLESHEET = 'text/css; charset=utf-8';
