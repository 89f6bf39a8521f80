import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { CompletedRecordsCache, type CompletedRecord } from './completed-records.cache';
import { IdempotencyKeyReusedError, RequestInProgressError } from './idempotency-errors';
import type { IdempotencyRecord, StoredResponse } from './idempotency-record';
import { IdempotencyStore } from './idempotency.store';

/** `waited`: the key was held by a running twin first, and this request polled until that changed. */
export type ClaimOutcome = (
  | { kind: 'claimed'; record: IdempotencyRecord; takenOverFrom?: IdempotencyRecord }
  | { kind: 'replay'; record: CompletedRecord; cached: boolean }
) & { waited: boolean };

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
 * Claims a key before its request runs (architecture rule 3). A replay of a completed key is answered
 * from memory when this instance has seen it (no round trip), else by the claim itself: one upsert that
 * inserts the claim or returns the record that holds the key. Exactly one request executes; a twin waits
 * for its answer, a reused key with another payload is refused, and a claim whose short lease ran out
 * (its process died or paused) is taken over, keeping the record's fingerprint and correlation id, which
 * is safe because every handler is idempotent by its own data (docs/architecture.md).
 */
@Injectable()
export class IdempotencyClaims {
  private readonly completed: CompletedRecordsCache;

  constructor(
    private readonly store: IdempotencyStore,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.completed = new CompletedRecordsCache(config.CLOCK_SKEW_TOLERANCE_MS);
  }

  get leaseMs(): number {
    return this.config.IDEMPOTENCY_LEASE_SECONDS * 1000;
  }

  async claim(request: ClaimRequest): Promise<ClaimOutcome> {
    const cached = this.completed.get(request.scope, request.key, this.clock.now());
    if (cached) {
      if (cached.fingerprint !== request.fingerprint) throw new IdempotencyKeyReusedError();
      return { kind: 'replay', record: cached, cached: true, waited: false };
    }
    const waitUntil = this.clock.now().getTime() + TWIN_WAIT_MS;
    for (let polls = 0; ;) {
      const now = this.clock.now();
      const fresh = this.freshRecord(request, now);
      const waited = polls > 0;
      const existing = await this.store.claim(fresh);
      if (!existing) return { kind: 'claimed', record: fresh, waited };
      if (existing.expiresAt.getTime() <= now.getTime()) {
        if (await this.store.replaceExpired(fresh, now)) return { kind: 'claimed', record: fresh, waited };
        continue;
      }
      if (existing.fingerprint !== request.fingerprint) throw new IdempotencyKeyReusedError();
      if (existing.state === 'COMPLETED' && existing.response) {
        const record = { ...existing, response: existing.response };
        this.completed.put(record);
        return { kind: 'replay', record, cached: false, waited };
      }
      // The lease was set by the holder's clock: only once it has passed by more than the tolerated skew is
      // the holder surely gone rather than running on a clock behind this one.
      const lapsedBy = new Date(now.getTime() - this.config.CLOCK_SKEW_TOLERANCE_MS);
      if (existing.leaseUntil.getTime() <= lapsedBy.getTime()) {
        const takenOver = { ...existing, leaseToken: fresh.leaseToken, leaseUntil: fresh.leaseUntil };
        if (await this.store.takeOver(takenOver, existing.leaseToken, lapsedBy))
          return { kind: 'claimed', record: takenOver, takenOverFrom: existing, waited };
        continue;
      }
      if (now.getTime() >= waitUntil) {
        throw new RequestInProgressError(
          Math.max(1, Math.ceil((existing.leaseUntil.getTime() - lapsedBy.getTime()) / 1000)),
        );
      }
      const delay = TWIN_POLL_MS[Math.min(polls++, TWIN_POLL_MS.length - 1)];
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  renew(record: IdempotencyRecord): Promise<boolean> {
    return this.store.renew(
      record.scope,
      record.key,
      record.leaseToken,
      new Date(this.clock.now().getTime() + this.leaseMs),
    );
  }

  async complete(record: IdempotencyRecord, response: StoredResponse): Promise<void> {
    const at = this.clock.now();
    if (await this.store.complete(record.scope, record.key, record.leaseToken, response, at)) {
      this.completed.put({ ...record, state: 'COMPLETED', response, completedAt: at });
    }
  }

  release(record: IdempotencyRecord): Promise<void> {
    return this.store.release(record.scope, record.key, record.leaseToken);
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
