import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { principalOf, type Principal } from './principal';

/** The caller, as the auth guard identified it. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal =>
  principalOf(context.switchToHttp().getRequest<object>()),
);
