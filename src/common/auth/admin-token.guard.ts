import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../../config/app-config';

/** Operator endpoints require `Authorization: Bearer <ADMIN_TOKEN>` once a token is configured. */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.config.ADMIN_TOKEN;
    if (!expected) return true;
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const offered = header.startsWith('Bearer ') ? header.slice(7) : '';
    const a = Buffer.from(offered);
    const b = Buffer.from(expected);
    if (a.length === b.length && timingSafeEqual(a, b)) return true;
    throw new UnauthorizedException('A valid admin token is required: Authorization: Bearer <ADMIN_TOKEN>');
  }
}
