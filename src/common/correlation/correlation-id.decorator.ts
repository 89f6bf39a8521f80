import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { correlationIdOf } from './correlation-id';

export const CorrelationId = createParamDecorator((_: unknown, context: ExecutionContext): string =>
  correlationIdOf(context.switchToHttp().getRequest<Request>()),
);
