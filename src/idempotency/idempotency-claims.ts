import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { IdempotencyKeyReusedError, RequestInProgressError } from './idempotency-errors';
import type { IdempotencyRecord, StoredResponse } from './idempotency-record';
import { IdempotencyStore } from './idempotency.store';

export type ClaimOutcome =
  | { kind: 'claimed'; token: string; takenOverFrom?: IdempotencyRecord }
  | { kind: 'replay'; record: IdempotencyRecord & { response: StoredResponse } };

export interface ClaimRequest {
  scope: string;
  key: string;
  fingerprint: string;
  correlationId: string;
}

/** How long a twin waits for the first request's answer before it is told to come back. */
const TWIN_WAIT_MS = 2000;
/** Polls back off so a crowd of twins does not crowd out the request they are waiting for. */
const TWIN_POLL_MS = [25, 50, 100, 200];

/**
 * Claims a key before its request runs (architecture rule 3). The claim is an insert on a unique
 * (scope, key), so exactly one request executes; a twin finds the record and waits for its answer,
 * a reused key with another payload is refused, and a claim whose short lease ran out (its process
 * died) is taken over, which is safe because every step behind it is guarded.
 */
@Injectable()
export class IdempotencyClaims {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly config: AppConfig,
  ) {}

  get leaseMs(): number {
    return this.config.IDEMPOTENCY_LEASE_SECONDS * 1000;
  }

  async claim(request: ClaimRequest): Promise<ClaimOutcome> {
    const waitUntil = Date.now() + TWIN_WAIT_MS;
    for (let polls = 0; ; ) {
      const now = new Date();
      const fresh = this.freshRecord(request, now);
      if (await this.store.insert(fresh)) return { kind: 'claimed', token: fresh.leaseToken };

      const existing = await this.store.find(request.scope, request.key);
      if (!existing) continue;
      if (existing.expiresAt.getTime() <= now.getTime()) {
        if (await this.store.replaceExpired(fresh, now)) return { kind: 'claimed', token: fresh.leaseToken };
        continue;
      }
      if (existing.fingerprint !== request.fingerprint) throw new IdempotencyKeyReusedError();
      if (existing.state === 'COMPLETED' && existing.response) {
        return { kind: 'replay', record: { ...existing, response: existing.response } };
      }
      if (existing.leaseUntil.getTime() <= now.getTime()) {
        if (await this.store.takeOver(fresh, existing.leaseToken, now)) {
          return { kind: 'claimed', token: fresh.leaseToken, takenOverFrom: existing };
        }
        continue;
      }
      if (now.getTime() >= waitUntil) {
        throw new RequestInProgressError(Math.max(1, Math.ceil((existing.leaseUntil.getTime() - now.getTime()) / 1000)));
      }
      const delay = TWIN_POLL_MS[Math.min(polls++, TWIN_POLL_MS.length - 1)];
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  renew(request: ClaimRequest, token: string): Promise<boolean> {
    return this.store.renew(request.scope, request.key, token, new Date(Date.now() + this.leaseMs));
  }

  complete(request: ClaimRequest, token: string, response: StoredResponse): Promise<boolean> {
    return this.store.complete(request.scope, request.key, token, response, new Date());
  }

  release(request: ClaimRequest, token: string): Promise<void> {
    return this.store.release(request.scope, request.key, token);
  }

  private freshRecord(request: ClaimRequest, now: Date): IdempotencyRecord {
    return {
      ...request,
      state: 'IN_PROGRESS',
      leaseToken: randomUUID(),
      leaseUntil: new Date(now.getTime() + this.leaseMs),
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.config.IDEMPOTENCY_TTL_SECONDS * 1000),
    };
  }
}
