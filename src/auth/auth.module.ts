import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { BearerTokenVerifier } from './bearer-token.verifier';

/** Identity for every route: one global guard, so no controller can forget it (routes opt out with @Public). */
@Module({
  providers: [BearerTokenVerifier, { provide: APP_GUARD, useClass: AuthGuard }],
})
export class AuthModule {}
