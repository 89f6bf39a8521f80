import { AppConfig } from '../config/app-config';
import { IdempotencyClaims, type ClaimOutcome, type ClaimRequest } from './idempotency-claims';
import { IdempotencyKeyReusedError, RequestInProgressError } from './idempotency-errors';
import type { IdempotencyRecord, StoredResponse } from './idempotency-record';
import { IdempotencyStore } from './idempotency.store';

/** Lets other pending operations run first, so concurrent callers really interleave. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const copy = (record: IdempotencyRecord): IdempotencyRecord => structuredClone(record);

/** The store port in memory; each write checks its condition and applies in one synchronous step. */
class InMemoryIdempotencyStore extends IdempotencyStore {
  readonly records = new Map<string, IdempotencyRecord>();

  private static id(scope: string, key: string): string {
    return `${scope} ${key}`;
  }

  get(scope: string, key: string): IdempotencyRecord | undefined {
    return this.records.get(InMemoryIdempotencyStore.id(scope, key));
  }

  seed(record: IdempotencyRecord): void {
    this.records.set(InMemoryIdempotencyStore.id(record.scope, record.key), copy(record));
  }

  async insert(record: IdempotencyRecord): Promise<boolean> {
    await tick();
    const id = InMemoryIdempotencyStore.id(record.scope, record.key);
    if (this.records.has(id)) return false;
    this.records.set(id, copy(record));
    return true;
  }

  async find(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    await tick();
    const record = this.get(scope, key);
    return record ? copy(record) : undefined;
  }

  async replaceExpired(record: IdempotencyRecord, now: Date): Promise<boolean> {
    await tick();
    const existing = this.get(record.scope, record.key);
    if (!existing || existing.expiresAt.getTime() > now.getTime()) return false;
    this.records.set(InMemoryIdempotencyStore.id(record.scope, record.key), copy(record));
    return true;
  }

  async takeOver(record: IdempotencyRecord, staleToken: string, now: Date): Promise<boolean> {
    await tick();
    const existing = this.get(record.scope, record.key);
    if (
      !existing ||
      existing.state !== 'IN_PROGRESS' ||
      existing.leaseToken !== staleToken ||
      existing.leaseUntil.getTime() > now.getTime()
    ) {
      return false;
    }
    existing.leaseToken = record.leaseToken;
    existing.leaseUntil = new Date(record.leaseUntil);
    return true;
  }

  async renew(scope: string, key: string, token: string, leaseUntil: Date): Promise<boolean> {
    await tick();
    const existing = this.get(scope, key);
    if (!existing || existing.state !== 'IN_PROGRESS' || existing.leaseToken !== token) return false;
    existing.leaseUntil = new Date(leaseUntil);
    return true;
  }

  async complete(scope: string, key: string, token: string, response: StoredResponse, at: Date): Promise<boolean> {
    await tick();
    const existing = this.get(scope, key);
    if (!existing || existing.state !== 'IN_PROGRESS' || existing.leaseToken !== token) return false;
    existing.state = 'COMPLETED';
    existing.response = structuredClone(response);
    existing.completedAt = new Date(at);
    return true;
  }

  async release(scope: string, key: string, token: string): Promise<void> {
    await tick();
    const existing = this.get(scope, key);
    if (existing && existing.state === 'IN_PROGRESS' && existing.leaseToken === token) {
      this.records.delete(InMemoryIdempotencyStore.id(scope, key));
    }
  }

  async purgeExpired(now: Date, limit: number): Promise<number> {
    await tick();
    let purged = 0;
    for (const [id, record] of this.records) {
      if (purged >= limit) break;
      if (record.expiresAt.getTime() <= now.getTime()) {
        this.records.delete(id);
        purged += 1;
      }
    }
    return purged;
  }
}

const request = (overrides: Partial<ClaimRequest> = {}): ClaimRequest => ({
  scope: 'bookings.create',
  key: 'key-1',
  fingerprint: 'fp-a',
  correlationId: 'corr-1',
  ...overrides,
});

const ok: StoredResponse = { statusCode: 201, body: { id: 'booking-1', status: 'PENDING_PAYMENT' } };

const claimedToken = (outcome: ClaimOutcome): string => {
  if (outcome.kind !== 'claimed') throw new Error(`expected a claim, got ${outcome.kind}`);
  return outcome.token;
};

/** Bounds every wait, so a claim that never settles fails its test instead of hanging it. */
const within = <T>(promise: Promise<T>, ms = 10_000): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
};

const rejectionOf = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await within(promise);
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
};

describe('IdempotencyClaims', () => {
  let store: InMemoryIdempotencyStore;
  let sut: IdempotencyClaims;
  const timers: NodeJS.Timeout[] = [];

  beforeEach(() => {
    store = new InMemoryIdempotencyStore();
    const config = Object.assign(new AppConfig(), { IDEMPOTENCY_LEASE_SECONDS: 1, IDEMPOTENCY_TTL_SECONDS: 86400 });
    sut = new IdempotencyClaims(store, config);
  });

  afterEach(() => {
    for (const timer of timers.splice(0)) clearTimeout(timer);
  });

  describe('claim', () => {
    it('lets the first request claim a new key, IN_PROGRESS under a lease', async () => {
      const before = Date.now();
      const outcome = await sut.claim(request());

      const token = claimedToken(outcome);
      expect(outcome).toEqual({ kind: 'claimed', token });
      const record = store.get('bookings.create', 'key-1');
      expect(record).toMatchObject({ state: 'IN_PROGRESS', leaseToken: token, fingerprint: 'fp-a', correlationId: 'corr-1' });
      expect(record!.leaseUntil.getTime()).toBeGreaterThanOrEqual(before + 1000);
      expect(record!.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 86_400_000);
    });

    it('keeps keys of different scopes apart', async () => {
      const locks = claimedToken(await sut.claim(request({ scope: 'locks.create' })));
      const payments = claimedToken(await sut.claim(request({ scope: 'payments.create' })));

      expect(store.records.size).toBe(2);
      expect(store.get('locks.create', 'key-1')!.leaseToken).toBe(locks);
      expect(store.get('payments.create', 'key-1')!.leaseToken).toBe(payments);
    });

    it('replays a completed request with the same fingerprint', async () => {
      const token = claimedToken(await sut.claim(request()));
      expect(await sut.complete(request(), token, ok)).toBe(true);

      const outcome = await sut.claim(request({ correlationId: 'corr-2' }));

      expect(outcome.kind).toBe('replay');
      if (outcome.kind !== 'replay') return;
      expect(outcome.record.response).toEqual(ok);
      expect(outcome.record.correlationId).toBe('corr-1');
    });

    it('replays a stored final error like a success', async () => {
      const refused: StoredResponse = { statusCode: 409, error: { kind: 'CONFLICT', code: 'SEATS.UNAVAILABLE', message: 'no seats' } };
      const token = claimedToken(await sut.claim(request()));
      await sut.complete(request(), token, refused);

      const outcome = await sut.claim(request());

      expect(outcome).toMatchObject({ kind: 'replay', record: { response: refused } });
    });

    it('refuses a completed key reused with a different fingerprint (IDEMPOTENCY.KEY_REUSED)', async () => {
      const token = claimedToken(await sut.claim(request()));
      await sut.complete(request(), token, ok);

      const error = await rejectionOf(sut.claim(request({ fingerprint: 'fp-b' })));

      expect(error).toBeInstanceOf(IdempotencyKeyReusedError);
      expect(error).toMatchObject({ kind: 'KEY_REUSED', code: 'IDEMPOTENCY.KEY_REUSED' });
    });

    it('refuses an in-flight key reused with a different fingerprint at once, without waiting', async () => {
      claimedToken(await sut.claim(request()));

      const error = await rejectionOf(sut.claim(request({ fingerprint: 'fp-b' })));

      expect(error).toBeInstanceOf(IdempotencyKeyReusedError);
    });

    it('makes a twin wait while the first is in flight, then replay its answer', async () => {
      const token = claimedToken(await sut.claim(request()));
      let completed = false;
      timers.push(
        setTimeout(() => {
          void sut.complete(request(), token, ok).then((done) => (completed = done));
        }, 200),
      );

      const outcome = await within(sut.claim(request({ correlationId: 'twin' })));

      expect(completed).toBe(true);
      expect(outcome).toMatchObject({ kind: 'replay', record: { response: ok } });
    });

    it('tells a twin to come back (IDEMPOTENCY.IN_PROGRESS) when the first never finishes within the wait', async () => {
      const token = claimedToken(await sut.claim(request()));
      // A live first request keeps renewing its 1-second lease, as the interceptor's heartbeat does.
      const heartbeat = setInterval(() => void sut.renew(request(), token), 300);
      timers.push(heartbeat);

      const started = Date.now();
      const error = await rejectionOf(sut.claim(request({ correlationId: 'twin' })));
      clearInterval(heartbeat);

      expect(error).toBeInstanceOf(RequestInProgressError);
      expect(error).toMatchObject({ kind: 'CONFLICT', code: 'IDEMPOTENCY.IN_PROGRESS' });
      expect((error as RequestInProgressError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
      expect(store.get('bookings.create', 'key-1')).toMatchObject({ state: 'IN_PROGRESS', leaseToken: token });
    });

    it('takes over an in-flight claim whose lease has passed, and the old token loses every write', async () => {
      const oldToken = claimedToken(await sut.claim(request()));
      store.get('bookings.create', 'key-1')!.leaseUntil = new Date(Date.now() - 1);

      const outcome = await within(sut.claim(request({ correlationId: 'retry' })));

      const newToken = claimedToken(outcome);
      expect(newToken).not.toBe(oldToken);
      expect(outcome.kind === 'claimed' && outcome.takenOverFrom).toMatchObject({
        leaseToken: oldToken,
        state: 'IN_PROGRESS',
        correlationId: 'corr-1',
      });

      expect(await sut.complete(request(), oldToken, { statusCode: 201, body: { stale: true } })).toBe(false);
      expect(await sut.renew(request(), oldToken)).toBe(false);
      await sut.release(request(), oldToken);
      expect(store.get('bookings.create', 'key-1')).toMatchObject({ state: 'IN_PROGRESS', leaseToken: newToken });

      expect(await sut.renew(request(), newToken)).toBe(true);
      expect(await sut.complete(request(), newToken, ok)).toBe(true);
      expect(await sut.claim(request())).toMatchObject({ kind: 'replay', record: { response: ok } });
    });

    it('lets only one of several retries take over a dead claim', async () => {
      claimedToken(await sut.claim(request()));
      store.get('bookings.create', 'key-1')!.leaseUntil = new Date(Date.now() - 1);

      const first = sut.claim(request());
      const second = sut.claim(request());
      const outcomes: ClaimOutcome[] = [];
      const winner = await within(Promise.race([first, second]));
      const token = claimedToken(winner);
      await sut.complete(request(), token, ok);
      outcomes.push(await within(first), await within(second));

      expect(outcomes.filter((o) => o.kind === 'claimed')).toHaveLength(1);
      expect(outcomes.filter((o) => o.kind === 'replay')).toHaveLength(1);
    });

    it('replaces a record past its retention with a fresh claim, whatever it held', async () => {
      const past = new Date(Date.now() - 1000);
      store.seed({
        scope: 'bookings.create',
        key: 'key-1',
        fingerprint: 'fp-old',
        state: 'COMPLETED',
        leaseToken: 'old-token',
        leaseUntil: past,
        correlationId: 'corr-old',
        createdAt: new Date(past.getTime() - 86_400_000),
        expiresAt: past,
        response: ok,
        completedAt: past,
      });

      const outcome = await sut.claim(request({ fingerprint: 'fp-new', correlationId: 'corr-new' }));

      const token = claimedToken(outcome);
      expect(outcome).toEqual({ kind: 'claimed', token });
      const record = store.get('bookings.create', 'key-1')!;
      expect(record).toMatchObject({ state: 'IN_PROGRESS', fingerprint: 'fp-new', correlationId: 'corr-new', leaseToken: token });
      expect(record.response).toBeUndefined();
      expect(record.expiresAt.getTime()).toBeGreaterThan(Date.now());
    });
  });

  describe('release', () => {
    it('gives the key back so the same request can be claimed again', async () => {
      const first = claimedToken(await sut.claim(request()));

      await sut.release(request(), first);
      const again = await sut.claim(request());

      expect(claimedToken(again)).not.toBe(first);
    });

    it('does not release a completed record', async () => {
      const token = claimedToken(await sut.claim(request()));
      await sut.complete(request(), token, ok);

      await sut.release(request(), token);

      expect(await sut.claim(request())).toMatchObject({ kind: 'replay' });
    });
  });

  describe('complete', () => {
    it('completes only once', async () => {
      const token = claimedToken(await sut.claim(request()));

      expect(await sut.complete(request(), token, ok)).toBe(true);
      expect(await sut.complete(request(), token, { statusCode: 500, body: {} })).toBe(false);
      expect(store.get('bookings.create', 'key-1')!.response).toEqual(ok);
    });
  });

  describe('renew', () => {
    it('pushes the lease forward for its holder', async () => {
      const token = claimedToken(await sut.claim(request()));
      store.get('bookings.create', 'key-1')!.leaseUntil = new Date(Date.now() - 1);

      expect(await sut.renew(request(), token)).toBe(true);
      expect(store.get('bookings.create', 'key-1')!.leaseUntil.getTime()).toBeGreaterThan(Date.now());
    });
  });

  describe('claim, concurrently', () => {
    it('lets exactly one of 20 simultaneous claims of one key execute; the rest replay its answer', async () => {
      const attempts = Array.from({ length: 20 }, (_, i) =>
        sut.claim(request({ correlationId: `corr-${i}` })).then(async (outcome) => {
          if (outcome.kind === 'claimed') await sut.complete(request(), outcome.token, ok);
          return outcome;
        }),
      );

      const outcomes = await within(Promise.all(attempts));

      expect(outcomes.filter((o) => o.kind === 'claimed')).toHaveLength(1);
      expect(outcomes.filter((o) => o.kind === 'replay')).toHaveLength(19);
      for (const outcome of outcomes) {
        if (outcome.kind === 'replay') expect(outcome.record.response).toEqual(ok);
      }
    });
  });
});
