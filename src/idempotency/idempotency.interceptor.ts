import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { lastValueFrom, of, type Observable } from 'rxjs';
import { AuditService } from '../audit/audit.service';
import { principalOf } from '../auth/principal';
import { correlationIdOf } from '../common/correlation/correlation-id';
import { DomainError, RequestMismatchError, type ErrorKind } from '../common/errors/domain-error';
import { httpStatusOf } from '../common/errors/problem-details.filter';
import { RequestValidationPipe } from '../common/validation/request-validation.pipe';
import { MetricsService } from '../metrics/metrics.service';
import type { CompletedRecord } from './completed-records.cache';
import { fingerprint } from './fingerprint';
import { IdempotencyClaims, type ClaimRequest } from './idempotency-claims';
import { IdempotencyKeyReusedError, InvalidIdempotencyKeyError, RequestInProgressError } from './idempotency-errors';
import { idempotencyKeyOf } from './idempotency-key';
import type { IdempotencyRecord } from './idempotency-record';
import { IDEMPOTENT, type IdempotentOptions } from './idempotent.decorator';
import { repeatsEarlierWork } from './repeated-answer';

export const REPLAYED_HEADER = 'Idempotent-Replayed';

/**
 * The one idempotency mechanism, for every route marked @Idempotent. Order: validate the body with the
 * route's DTO (a request that fails validation never claims its key), read the key, claim (scope, key)
 * with the fingerprint of the validated body — defaults applied — and the path, run the handler while
 * renewing the claim's lease, then store the answer. Storage policy: successes and the route's final
 * business errors (@Idempotent finalErrors) are stored and replayed; every other error releases the claim
 * so the same request can be tried again. A business refusal because what the key names was made for a
 * different request (RequestMismatchError) is answered here as this layer's own IDEMPOTENCY.KEY_REUSED.
 *
 * How the claim sees the validated body: interceptors run before pipes, so this one validates the body
 * itself with the application's RequestValidationPipe and the DTO class named in @Idempotent, and puts
 * the instance on the request; the pipe recognises that instance when the handler's @Body() reaches it
 * and does not validate it twice.
 *
 * It is also the one place that writes retry audit entries: exactly one for each replay, takeover of a
 * dead request's key, or answer whose handler said it repeated earlier work (answerRepeatsEarlierWork),
 * with the resource ids.
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

    req.body = await this.validation.transform(req.body, { type: 'body', metatype: options.body });
    const { idempotencyKey: _key, ...payload } = req.body as Record<string, unknown>;
    const correlationId = correlationIdOf(req);
    const key = idempotencyKeyOf(req);
    if (key === undefined) {
      if (options.keyRequired)
        throw new InvalidIdempotencyKeyError('An idempotency key is required (idempotencyKey or Idempotency-Key)');
      const body = await this.handle(next);
      this.auditDuplicate(options, res, body, payload, correlationId);
      return of(body);
    }

    const request: ClaimRequest = {
      // Keys are the caller's own: one key from two people is two requests (metrics stay per route).
      scope: principalOf(req).qualify(options.scope),
      key,
      fingerprint: fingerprint({ params: req.params, body: payload }),
      correlationId,
    };
    let outcome;
    try {
      outcome = await this.claims.claim(request);
      if (outcome.waited) this.metrics.idempotencyInFlightWaits.inc({ scope: options.scope });
      this.metrics.idempotencyCache.inc({
        scope: options.scope,
        result: outcome.kind === 'replay' && outcome.cached ? 'hit' : 'miss',
      });
    } catch (error) {
      if (error instanceof DomainError)
        this.count(options, error.code === 'IDEMPOTENCY.KEY_REUSED' ? 'key_reused' : 'in_progress');
      if (error instanceof DomainError && error.code === 'IDEMPOTENCY.KEY_REUSED')
        this.metrics.idempotencyKeyReuseRefusals.inc({ scope: options.scope });
      // A 409 IN_PROGRESS comes only after waiting out the twin's answer.
      if (error instanceof RequestInProgressError) this.metrics.idempotencyInFlightWaits.inc({ scope: options.scope });
      throw error;
    }
    if (outcome.kind === 'replay') {
      this.count(options, outcome.cached ? 'replayed_from_memory' : 'replayed');
      this.metrics.replayed(options.scope, key);
      return of(this.replay(outcome.record, options, res, payload, correlationId));
    }

    const body = await this.execute(outcome.record, next, res, options);
    if (outcome.takenOverFrom)
      this.recordRetry(options, body, payload, correlationId, outcome.takenOverFrom, { tookOver: true });
    else this.auditDuplicate(options, res, body, payload, correlationId);
    return of(body);
  }

  private async execute(
    record: IdempotencyRecord,
    next: CallHandler,
    res: Response,
    options: IdempotentOptions,
  ): Promise<unknown> {
    // The lease is short so a crashed request blocks its key only briefly; a live one keeps renewing it.
    const heartbeat = setInterval(
      () => {
        this.claims.renew(record).catch((error: unknown) => this.logger.warn({ err: error }, 'lease renewal failed'));
      },
      Math.max(250, this.claims.leaseMs / 3),
    );
    try {
      const body = await this.handle(next);
      await this.claims.complete(record, { statusCode: res.statusCode, body });
      this.count(options, 'executed');
      return body;
    } catch (error) {
      if (error instanceof DomainError && options.finalErrors?.some((type) => error instanceof type)) {
        await this.claims.complete(record, {
          statusCode: httpStatusOf(error.kind),
          error: { kind: error.kind, code: error.code, message: error.message },
        });
        this.count(options, 'executed');
      } else {
        await this.claims.release(record).catch((releaseError: unknown) => {
          this.logger.warn({ err: releaseError }, 'could not release an idempotency claim; its lease will lapse');
        });
        this.count(options, 'released');
      }
      throw error;
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** The handler's answer, with a business mismatch told in this layer's words. */
  private async handle(next: CallHandler): Promise<unknown> {
    try {
      return await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      throw error instanceof RequestMismatchError ? new IdempotencyKeyReusedError() : error;
    }
  }

  private replay(
    record: CompletedRecord,
    options: IdempotentOptions,
    res: Response,
    payload: Record<string, unknown>,
    correlationId: string,
  ): unknown {
    res.setHeader(REPLAYED_HEADER, 'true');
    const stored = record.response;
    if ('error' in stored) {
      this.recordRetry(options, {}, payload, correlationId, record, { replayedStatus: stored.statusCode });
      throw new DomainError(stored.error.kind as ErrorKind, stored.error.code, stored.error.message);
    }
    this.recordRetry(options, stored.body, payload, correlationId, record, { replayedStatus: stored.statusCode });
    res.status(stored.statusCode);
    return options.flagRetryInBody ? { ...(stored.body as object), isRetry: true } : stored.body;
  }

  /** An answer that repeated earlier work (a duplicate, a resumed attempt) is a retry too: its handler says so. */
  private auditDuplicate(
    options: IdempotentOptions,
    res: Response,
    body: unknown,
    payload: Record<string, unknown>,
    correlationId: string,
  ): void {
    if (repeatsEarlierWork(res)) {
      this.recordRetry(options, body, payload, correlationId, undefined, { repeated: true });
    }
  }

  private recordRetry(
    options: IdempotentOptions,
    body: unknown,
    payload: Record<string, unknown>,
    correlationId: string,
    original: IdempotencyRecord | undefined,
    extra: Record<string, unknown>,
  ): void {
    const answer = (body ?? {}) as Record<string, unknown>;
    const entry = options.retryAudit(answer, payload);
    // A retry changes nothing: it is recorded at the state the original left the resource in.
    const state = typeof answer.status === 'string' ? answer.status : 'RETRIED';
    this.audit.retryLater({
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

  private count(options: IdempotentOptions, outcome: string): void {
    this.metrics.idempotency.inc({ scope: options.scope, outcome });
  }
}
