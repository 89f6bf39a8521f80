import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { AppConfig } from '../config/app-config';
import { isAdminToken } from './admin-token';
import { AuthenticationError, InvalidTokenError, MissingRoleError, TokenRequiredError } from './auth-errors';
import { BearerTokenVerifier } from './bearer-token.verifier';
import { attachPrincipal, Principal, type Role } from './principal';
import { PUBLIC, ROLES } from './roles.decorator';

/** RFC 6750 §2.1; the scheme is case-insensitive (RFC 9110 §11.1). Another scheme counts as no token. */
function bearerTokenOf(request: Request): string | undefined {
  return /^bearer +(\S+) *$/i.exec(request.headers.authorization ?? '')?.[1];
}

/**
 * Identifies the caller of every route not marked @Public, and checks the role its @Roles names. Guards run
 * before interceptors, so a request refused here never reaches the idempotency claim: it claims no key and
 * writes nothing. Identity off (no AUTH_ISSUER): everyone is Principal.OPEN, except that operator routes
 * still want ADMIN_TOKEN when one is set. Identity on: a valid token from the issuer, or on operator routes
 * the ADMIN_TOKEN machine credential.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
    private readonly verifier: BearerTokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC, targets)) return true;
    const role = this.reflector.getAllAndOverride<Role | undefined>(ROLES, targets);
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    try {
      const principal = await this.identify(bearerTokenOf(request), role);
      if (role && !principal.hasRole(role)) throw new MissingRoleError(role);
      attachPrincipal(request, principal);
      return true;
    } catch (error) {
      if (error instanceof AuthenticationError)
        http.getResponse<Response>().setHeader('WWW-Authenticate', error.challenge);
      throw error;
    }
  }

  private async identify(token: string | undefined, role: Role | undefined): Promise<Principal> {
    const adminToken = this.config.ADMIN_TOKEN;
    if (role === 'admin' && adminToken !== undefined) {
      if (token !== undefined && isAdminToken(token, adminToken)) return Principal.ADMIN_TOKEN;
      if (!this.config.identity)
        throw token === undefined ? new TokenRequiredError() : new InvalidTokenError('wrong token');
    }
    if (!this.config.identity) return Principal.OPEN;
    if (token === undefined) throw new TokenRequiredError();
    return this.verifier.verify(token);
  }
}
