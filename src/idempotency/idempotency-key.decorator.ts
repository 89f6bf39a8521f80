import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { idempotencyKeyOf } from './idempotency-key';

/** The request's idempotency key, from the body field or the header. */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string | undefined =>
  idempotencyKeyOf(context.switchToHttp().getRequest<Request>()),
);
