import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor, type Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { lastValueFrom, of, type Observable } from 'rxjs';
import { AuditService } from '../audit/audit.service';
import { correlationIdOf } from '../common/correlation/correlation-id';
import { DomainError, type ErrorKind } from '../common/errors/domain-error';
import { httpStatusOf } from '../common/errors/problem-details.filter';
import { RequestValidationPipe } from '../common/validation/request-validation.pipe';
import { MetricsService } from '../metrics/metrics.service';
import { fingerprint } from './fingerprint';
import { IdempotencyClaims, type ClaimRequest } from './idempotency-claims';
import { InvalidIdempotencyKeyError } from './idempotency-errors';
import { idempotencyKeyOf } from './idempotency-key';
import type { IdempotencyRecord, StoredResponse } from './idempotency-record';
import { IDEMPOTENT, type IdempotentOptions } from './idempotent.decorator';

export const REPLAYED_HEADER = 'Idempotent-Replayed';

/**
 * The one idempotency mechanism, for every route marked @Idempotent. Order: validate the body (a
 * request that fails validation never claims its key), read the key, claim (scope, key) with the
 * payload's fingerprint, run the handler while renewing the claim's lease, then store the answer.
 * Storage policy: successes and final business errors are stored and replayed; every other error
 * releases the claim so the same request can be tried again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(IdempotencyInterceptor.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly claims: IdempotencyClaims,
    private readonly validation: RequestValidationPipe,
    private readonly audit: AuditService,
    private readonly metrics: MetricsService,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const options = this.reflector.get<IdempotentOptions | undefined>(IDEMPOTENT, context.getHandler());
    if (!options) return next.handle();
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();

    await this.validateBody(context, req);
    const key = idempotencyKeyOf(req);
    if (key === undefined) {
      if (options.keyRequired) throw new InvalidIdempotencyKeyError('An idempotency key is required (idempotencyKey or Idempotency-Key)');
      return next.handle();
    }

    const { idempotencyKey: _key, ...payload } = (req.body ?? {}) as Record<string, unknown>;
    const correlationId = correlationIdOf(req);
    const request: ClaimRequest = {
      scope: options.scope,
      key,
      fingerprint: fingerprint({ params: req.params, body: payload }),
      correlationId,
    };

    let outcome;
    try {
      outcome = await this.claims.claim(request);
    } catch (error) {
      if (error instanceof DomainError) this.count(options, error.code === 'IDEMPOTENCY.KEY_REUSED' ? 'key_reused' : 'in_progress');
      if (error instanceof DomainError && error.code === 'IDEMPOTENCY.KEY_REUSED') this.metrics.idempotencyKeyReuseRefusals.inc({ scope: options.scope });
      throw error;
    }
    if (outcome.kind === 'replay') {
      this.count(options, 'replayed');
      this.metrics.replayed(options.scope, key);
      return of(await this.replay(outcome.record, options, res, correlationId));
    }

    const body = await this.execute(request, outcome.token, next, res, options);
    if (outcome.takenOverFrom) await this.recordRetry(options, body, outcome.takenOverFrom, correlationId, { tookOver: true });
    return of(body);
  }

  private async execute(
    request: ClaimRequest,
    token: string,
    next: CallHandler,
    res: Response,
    options: IdempotentOptions,
  ): Promise<unknown> {
    // The lease is short so a crashed request blocks its key only briefly; a live one keeps renewing it.
    const heartbeat = setInterval(() => {
      this.claims.renew(request, token).catch((error: unknown) => this.logger.warn({ err: error }, 'lease renewal failed'));
    }, Math.max(250, this.claims.leaseMs / 3));
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.claims.complete(request, token, { statusCode: res.statusCode, body });
      this.count(options, 'executed');
      return body;
    } catch (error) {
      if (error instanceof DomainError && error.final) {
        const statusCode = httpStatusOf(error.kind);
        await this.claims.complete(request, token, {
          statusCode,
          error: { kind: error.kind, code: error.code, message: error.message },
        });
        this.count(options, 'executed');
      } else {
        await this.claims.release(request, token).catch((releaseError: unknown) => {
          this.logger.warn({ err: releaseError }, 'could not release an idempotency claim; its lease will lapse');
        });
        this.count(options, 'released');
      }
      throw error;
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async replay(
    record: IdempotencyRecord & { response: StoredResponse },
    options: IdempotentOptions,
    res: Response,
    correlationId: string,
  ): Promise<unknown> {
    res.setHeader(REPLAYED_HEADER, 'true');
    const stored = record.response;
    if ('error' in stored) {
      await this.recordRetry(options, {}, record, correlationId, { replayedStatus: stored.statusCode });
      throw new DomainError(stored.error.kind as ErrorKind, stored.error.code, stored.error.message, undefined, true);
    }
    const body = options.flagRetryInBody ? { ...(stored.body as object), isRetry: true } : stored.body;
    await this.recordRetry(options, stored.body, record, correlationId, { replayedStatus: stored.statusCode });
    res.status(stored.statusCode);
    return body;
  }

  private async recordRetry(
    options: IdempotentOptions,
    body: unknown,
    original: IdempotencyRecord | undefined,
    correlationId: string,
    extra: Record<string, unknown>,
  ): Promise<void> {
    const answer = (body ?? {}) as Record<string, unknown>;
    const entry = options.retryAudit(answer);
    // A retry changes nothing: it is recorded at the state the original left the resource in.
    const state = typeof answer.status === 'string' ? answer.status : 'RETRIED';
    await this.audit.fact({
      action: 'REQUEST_RETRY',
      fromState: state,
      toState: state,
      ...entry,
      correlationId,
      metadata: {
        ...entry.metadata,
        isRetry: true,
        scope: options.scope,
        ...(original && { originalCorrelationId: original.correlationId, originalRequestAt: original.createdAt }),
        ...extra,
      },
    });
  }

  /** Runs the route's own body validation first, so an invalid request is refused before it claims. */
  private async validateBody(context: ExecutionContext, req: Request): Promise<void> {
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), context.getHandler().name) ?? {}) as Record<
      string,
      { index: number }
    >;
    const bodyArg = Object.entries(args).find(([key]) => Number(key.split(':')[0]) === RouteParamtypes.BODY);
    if (!bodyArg) return;
    const types = Reflect.getMetadata('design:paramtypes', context.getClass().prototype, context.getHandler().name) as Type[];
    await this.validation.transform(req.body, { type: 'body', metatype: types[bodyArg[1].index] });
  }

  private count(options: IdempotentOptions, outcome: string): void {
    this.metrics.idempotency.inc({ scope: options.scope, outcome });
  }
}
