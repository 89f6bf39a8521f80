import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../../config/app-config';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Operator endpoints require `Authorization: Bearer <ADMIN_TOKEN>` once a token is configured. */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.config.ADMIN_TOKEN;
    if (!expected) return true;
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const offered = header.startsWith('Bearer ') ? header.slice(7) : '';
    // Comparing digests keeps the comparison constant-time whatever the offered length: comparing the raw
    // strings would have to reject a wrong length early, and so tell a caller how long the token is.
    if (timingSafeEqual(digest(offered), digest(expected))) return true;
    throw new UnauthorizedException('A valid admin token is required: Authorization: Bearer <ADMIN_TOKEN>');
  }
}
