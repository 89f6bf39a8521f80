import type { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { IdempotencyClaims, type ClaimOutcome, type ClaimRequest } from './idempotency-claims';
import { IdempotencyKeyReusedError, RequestInProgressError } from './idempotency-errors';
import type { IdempotencyRecord, StoredResponse } from './idempotency-record';
import { IdempotencyStore } from './idempotency.store';

/** Yields to other pending operations (microtasks only, so it works under fake timers): callers interleave. */
const tick = async (): Promise<void> => {
  for (let i = 0; i < 3; i++) await Promise.resolve();
};
const copy = (record: IdempotencyRecord): IdempotencyRecord => structuredClone(record);

/** The store port in memory; each write checks its condition and applies in one synchronous step. */
class InMemoryIdempotencyStore extends IdempotencyStore {
  readonly records = new Map<string, IdempotencyRecord>();
  readonly calls: string[] = [];

  private static id(scope: string, key: string): string {
    return `${scope} ${key}`;
  }

  get(scope: string, key: string): IdempotencyRecord | undefined {
    return this.records.get(InMemoryIdempotencyStore.id(scope, key));
  }

  seed(record: IdempotencyRecord): void {
    this.records.set(InMemoryIdempotencyStore.id(record.scope, record.key), copy(record));
  }

  /** Like the Mongo upsert: inserts the claim, or returns the record already holding the key, atomically. */
  async claim(record: IdempotencyRecord): Promise<IdempotencyRecord | undefined> {
    this.calls.push('claim');
    await tick();
    const id = InMemoryIdempotencyStore.id(record.scope, record.key);
    const existing = this.records.get(id);
    if (existing) return copy(existing);
    this.records.set(id, copy(record));
    return undefined;
  }

  async replaceExpired(record: IdempotencyRecord, now: Date): Promise<boolean> {
    this.calls.push('replaceExpired');
    await tick();
    const existing = this.get(record.scope, record.key);
    if (!existing || existing.expiresAt.getTime() > now.getTime()) return false;
    this.records.set(InMemoryIdempotencyStore.id(record.scope, record.key), copy(record));
    return true;
  }

  async takeOver(record: IdempotencyRecord, staleToken: string, lapsedBy: Date): Promise<boolean> {
    this.calls.push('takeOver');
    await tick();
    const existing = this.get(record.scope, record.key);
    if (
      !existing ||
      existing.state !== 'IN_PROGRESS' ||
      existing.leaseToken !== staleToken ||
      existing.leaseUntil.getTime() > lapsedBy.getTime()
    ) {
      return false;
    }
    existing.leaseToken = record.leaseToken;
    existing.leaseUntil = new Date(record.leaseUntil);
    return true;
  }

  async renew(scope: string, key: string, token: string, leaseUntil: Date): Promise<boolean> {
    this.calls.push('renew');
    await tick();
    const existing = this.get(scope, key);
    if (!existing || existing.state !== 'IN_PROGRESS' || existing.leaseToken !== token) return false;
    existing.leaseUntil = new Date(leaseUntil);
    return true;
  }

  async complete(scope: string, key: string, token: string, response: StoredResponse, at: Date): Promise<boolean> {
    this.calls.push('complete');
    await tick();
    const existing = this.get(scope, key);
    if (!existing || existing.state !== 'IN_PROGRESS' || existing.leaseToken !== token) return false;
    existing.state = 'COMPLETED';
    existing.response = structuredClone(response);
    existing.completedAt = new Date(at);
    return true;
  }

  async release(scope: string, key: string, token: string): Promise<void> {
    this.calls.push('release');
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

const claimed = (outcome: ClaimOutcome): IdempotencyRecord => {
  if (outcome.kind !== 'claimed') throw new Error(`expected a claim, got ${outcome.kind}`);
  return outcome.record;
};

/** Settles a promise while the fake clock runs, so a rejection is observed rather than left unhandled. */
const settle = async <T>(promise: Promise<T>, advanceMs: number): Promise<{ value?: T; error?: unknown }> => {
  const result = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await jest.advanceTimersByTimeAsync(advanceMs);
  return result;
};

const START = new Date('2030-01-01T12:00:00.000Z');
const TTL_MS = 86_400_000;

/**
 * The claims' time is Jest's fake clock, moved only by the test (setSystemTime, advanceTimersByTimeAsync);
 * the global Date stays real, so a claim that read the wall clock instead would show up far from START.
 */
const clock: Clock = { now: () => new Date(jest.now()) };
/** The clock skew the claims tolerate between instances. */
const SKEW_MS = 2_000;
/** The first instant a claim whose lease ends at `leaseUntil` is surely dead, on any clock within the skew. */
const lapsed = (leaseUntil: Date) => new Date(leaseUntil.getTime() + SKEW_MS);

// Every wait runs on the fake clock: a claim that never settles fails fast instead of hanging.
jest.setTimeout(5_000);

describe('IdempotencyClaims', () => {
  let store: InMemoryIdempotencyStore;
  let sut: IdempotencyClaims;
  const newInstance = () =>
    new IdempotencyClaims(
      store,
      Object.assign(new AppConfig(), {
        IDEMPOTENCY_LEASE_SECONDS: 1,
        IDEMPOTENCY_TTL_SECONDS: TTL_MS / 1000,
        CLOCK_SKEW_TOLERANCE_MS: SKEW_MS,
      }),
      clock,
    );

  beforeEach(() => {
    jest.useFakeTimers({ now: START, doNotFake: ['Date'] });
    store = new InMemoryIdempotencyStore();
    sut = newInstance();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  describe('claim', () => {
    it('lets the first request claim a new key, IN_PROGRESS under a lease, in one store call', async () => {
      const outcome = await sut.claim(request());

      const record = claimed(outcome);
      expect(outcome).toEqual({ kind: 'claimed', record, waited: false });
      expect(store.get('bookings.create', 'key-1')).toEqual(record);
      expect(record).toMatchObject({
        state: 'IN_PROGRESS',
        fingerprint: 'fp-a',
        correlationId: 'corr-1',
        createdAt: START,
      });
      expect(record.leaseUntil).toEqual(new Date(START.getTime() + 1000));
      expect(record.expiresAt).toEqual(new Date(START.getTime() + TTL_MS));
      expect(store.calls).toEqual(['claim']);
    });

    it('gives every claim its own lease token', async () => {
      const first = claimed(await sut.claim(request()));
      const second = claimed(await sut.claim(request({ key: 'key-2' })));

      expect(second.leaseToken).not.toBe(first.leaseToken);
    });

    it('keeps keys of different scopes apart', async () => {
      const locks = claimed(await sut.claim(request({ scope: 'locks.create' })));
      const payments = claimed(await sut.claim(request({ scope: 'payments.create' })));

      expect(store.records.size).toBe(2);
      expect(store.get('locks.create', 'key-1')!.leaseToken).toBe(locks.leaseToken);
      expect(store.get('payments.create', 'key-1')!.leaseToken).toBe(payments.leaseToken);
    });

    it('replays a request completed by another instance from the store, with the first request’s record', async () => {
      const other = newInstance();
      await other.complete(claimed(await other.claim(request())), ok);

      const outcome = await sut.claim(request({ correlationId: 'corr-2' }));

      expect(outcome).toMatchObject({
        kind: 'replay',
        cached: false,
        record: { response: ok, correlationId: 'corr-1' },
      });
    });

    it('replays a stored final error like a success', async () => {
      const refused: StoredResponse = {
        statusCode: 409,
        error: { kind: 'CONFLICT', code: 'SEATS.UNAVAILABLE', message: 'no seats' },
      };
      await newInstance().complete(claimed(await sut.claim(request())), refused);

      expect(await sut.claim(request())).toMatchObject({ kind: 'replay', record: { response: refused } });
    });

    it('refuses a completed key reused with a different fingerprint (IDEMPOTENCY.KEY_REUSED)', async () => {
      await newInstance().complete(claimed(await sut.claim(request())), ok);

      const { error } = await settle(sut.claim(request({ fingerprint: 'fp-b' })), 0);

      expect(error).toBeInstanceOf(IdempotencyKeyReusedError);
      expect(error).toMatchObject({ kind: 'UNPROCESSABLE', code: 'IDEMPOTENCY.KEY_REUSED' });
    });

    it('refuses an in-flight key reused with a different fingerprint at once, without waiting', async () => {
      claimed(await sut.claim(request()));

      const { error } = await settle(sut.claim(request({ fingerprint: 'fp-b' })), 0);

      expect(error).toBeInstanceOf(IdempotencyKeyReusedError);
      expect(jest.now()).toBe(START.getTime());
    });

    it('makes a twin wait while the first is in flight, then replay its answer', async () => {
      const first = claimed(await sut.claim(request()));
      const twin = sut.claim(request({ correlationId: 'twin' }));

      await jest.advanceTimersByTimeAsync(100);
      await sut.complete(first, ok);
      const { value } = await settle(twin, 200);

      expect(value).toMatchObject({ kind: 'replay', record: { response: ok }, waited: true });
    });

    it('tells a twin to come back (IDEMPOTENCY.IN_PROGRESS) when the first never finishes within 2 s', async () => {
      const first = claimed(await sut.claim(request()));
      // A live first request keeps renewing its 1-second lease, as the interceptor's heartbeat does.
      const heartbeat = setInterval(() => void sut.renew(first), 300);
      let settledAt: number | undefined;
      const twin = sut.claim(request({ correlationId: 'twin' })).finally(() => (settledAt = jest.now()));

      const { error } = await settle(twin, 2_500);
      clearInterval(heartbeat);

      expect(error).toBeInstanceOf(RequestInProgressError);
      expect(error).toMatchObject({ kind: 'CONFLICT', code: 'IDEMPOTENCY.IN_PROGRESS' });
      expect((error as RequestInProgressError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(settledAt! - START.getTime()).toBeGreaterThanOrEqual(2_000);
      expect(store.get('bookings.create', 'key-1')).toMatchObject({
        state: 'IN_PROGRESS',
        leaseToken: first.leaseToken,
      });
    });

    it('takes over an in-flight claim whose lease has passed by the tolerated skew, and the old record loses every write', async () => {
      const old = claimed(await sut.claim(request()));
      jest.setSystemTime(lapsed(old.leaseUntil));

      const outcome = await sut.claim(request({ correlationId: 'retry' }));

      const fresh = claimed(outcome);
      expect(fresh.leaseToken).not.toBe(old.leaseToken);
      expect(outcome.kind === 'claimed' && outcome.takenOverFrom).toEqual(old);

      await sut.complete(old, { statusCode: 201, body: { stale: true } });
      expect(await sut.renew(old)).toBe(false);
      await sut.release(old);
      expect(store.get('bookings.create', 'key-1')).toMatchObject({
        state: 'IN_PROGRESS',
        leaseToken: fresh.leaseToken,
      });

      expect(await sut.renew(fresh)).toBe(true);
      await sut.complete(fresh, ok);
      expect(await sut.claim(request())).toMatchObject({ kind: 'replay', record: { response: ok } });
    });

    it('waits for a claim whose lease passed by less than the tolerated skew: its holder may run on a clock behind', async () => {
      const old = claimed(await sut.claim(request()));
      jest.setSystemTime(new Date(lapsed(old.leaseUntil).getTime() - 1_000));

      const twin = sut.claim(request());
      await jest.advanceTimersByTimeAsync(500);
      expect(store.calls).not.toContain('takeOver');
      await sut.complete(old, ok);

      expect((await settle(twin, 500)).value).toMatchObject({ kind: 'replay', waited: true, record: { response: ok } });
      expect(store.calls).not.toContain('takeOver');
    });

    it('lets only one of several retries take over a dead claim', async () => {
      const old = claimed(await sut.claim(request()));
      jest.setSystemTime(lapsed(old.leaseUntil));

      const first = sut.claim(request());
      const second = sut.claim(request());
      const winner = claimed(await Promise.race([first, second]));
      await sut.complete(winner, ok);
      const outcomes = [(await settle(first, 1_000)).value!, (await settle(second, 1_000)).value!];

      expect(outcomes.filter((o) => o.kind === 'claimed')).toHaveLength(1);
      expect(outcomes.filter((o) => o.kind === 'replay')).toHaveLength(1);
    });

    it('replaces a record past its retention with a fresh claim, whatever it held', async () => {
      const past = new Date(START.getTime() - 1000);
      store.seed({
        scope: 'bookings.create',
        key: 'key-1',
        fingerprint: 'fp-old',
        state: 'COMPLETED',
        leaseToken: 'old-token',
        leaseUntil: past,
        correlationId: 'corr-old',
        createdAt: new Date(past.getTime() - TTL_MS),
        expiresAt: past,
        response: ok,
        completedAt: past,
      });

      const outcome = await sut.claim(request({ fingerprint: 'fp-new', correlationId: 'corr-new' }));

      const record = claimed(outcome);
      expect(outcome).toEqual({ kind: 'claimed', record, waited: false });
      expect(store.get('bookings.create', 'key-1')).toEqual(record);
      expect(record).toMatchObject({ state: 'IN_PROGRESS', fingerprint: 'fp-new', correlationId: 'corr-new' });
      expect(record.response).toBeUndefined();
    });
  });

  describe('claim, from memory', () => {
    it('answers a replay of a key this instance completed without touching the store', async () => {
      await sut.complete(claimed(await sut.claim(request())), ok);
      store.calls.length = 0;

      const outcome = await sut.claim(request({ correlationId: 'corr-2' }));

      expect(outcome).toMatchObject({
        kind: 'replay',
        cached: true,
        record: { response: ok, state: 'COMPLETED', correlationId: 'corr-1' },
      });
      expect(store.calls).toEqual([]);
    });

    it('remembers a replay it read from the store, so the next one needs no store call', async () => {
      await newInstance().complete(claimed(await newInstance().claim(request())), ok);
      expect(await sut.claim(request())).toMatchObject({ kind: 'replay', cached: false });
      store.calls.length = 0;

      expect(await sut.claim(request())).toMatchObject({ kind: 'replay', cached: true, record: { response: ok } });
      expect(store.calls).toEqual([]);
    });

    it('refuses a remembered key reused with a different fingerprint, without touching the store', async () => {
      await sut.complete(claimed(await sut.claim(request())), ok);
      store.calls.length = 0;

      const { error } = await settle(sut.claim(request({ fingerprint: 'fp-b' })), 0);

      expect(error).toBeInstanceOf(IdempotencyKeyReusedError);
      expect(store.calls).toEqual([]);
    });

    it('does not remember a completion the store refused (a lost lease)', async () => {
      const old = claimed(await sut.claim(request()));
      jest.setSystemTime(lapsed(old.leaseUntil));
      const fresh = claimed(await newInstance().claim(request()));

      await sut.complete(old, { statusCode: 201, body: { stale: true } });
      store.calls.length = 0;
      const twin = settle(sut.claim(request()), 100);

      expect(store.calls).toContain('claim');
      await newInstance().complete(fresh, ok);
      expect((await twin).value).toMatchObject({ kind: 'replay', cached: false, record: { response: ok } });
    });

    it('stops answering from memory once the record’s retention is over, and claims the key afresh', async () => {
      const first = claimed(await sut.claim(request()));
      await sut.complete(first, ok);

      jest.setSystemTime(first.expiresAt);
      const outcome = await sut.claim(request({ correlationId: 'corr-new' }));

      expect(claimed(outcome)).toMatchObject({ correlationId: 'corr-new', state: 'IN_PROGRESS' });
      expect(store.calls).toContain('replaceExpired');
    });

    it('stops answering from memory the tolerated skew before the record expires, and asks the store', async () => {
      const first = claimed(await sut.claim(request()));
      await sut.complete(first, ok);
      store.calls.length = 0;

      jest.setSystemTime(new Date(first.expiresAt.getTime() - SKEW_MS));
      const outcome = await sut.claim(request());

      expect(outcome).toMatchObject({ kind: 'replay', cached: false, record: { response: ok } });
      expect(store.calls).toEqual(['claim']);
    });

    it('keeps scopes apart in memory', async () => {
      await sut.complete(claimed(await sut.claim(request({ scope: 'locks.create' }))), ok);

      expect(await sut.claim(request({ scope: 'payments.create' }))).toMatchObject({ kind: 'claimed' });
    });
  });

  describe('release', () => {
    it('gives the key back so the same request can be claimed again', async () => {
      const first = claimed(await sut.claim(request()));

      await sut.release(first);
      const again = claimed(await sut.claim(request()));

      expect(again.leaseToken).not.toBe(first.leaseToken);
    });

    it('does not release a completed record', async () => {
      const record = claimed(await sut.claim(request()));
      await sut.complete(record, ok);

      await sut.release(record);

      expect(store.get('bookings.create', 'key-1')).toMatchObject({ state: 'COMPLETED', response: ok });
    });
  });

  describe('complete', () => {
    it('completes only once', async () => {
      const record = claimed(await sut.claim(request()));

      await sut.complete(record, ok);
      await sut.complete(record, { statusCode: 500, body: {} });

      expect(store.get('bookings.create', 'key-1')).toMatchObject({
        state: 'COMPLETED',
        response: ok,
        completedAt: START,
      });
      expect(await newInstance().claim(request())).toMatchObject({ kind: 'replay', record: { response: ok } });
    });
  });

  describe('renew', () => {
    it('pushes the lease a lease length past now for its holder', async () => {
      const record = claimed(await sut.claim(request()));
      jest.setSystemTime(START.getTime() + 5_000);

      expect(await sut.renew(record)).toBe(true);
      expect(store.get('bookings.create', 'key-1')!.leaseUntil).toEqual(new Date(START.getTime() + 6_000));
    });
  });

  describe('claim, concurrently', () => {
    it('lets exactly one of 20 simultaneous claims of one key execute; the rest replay its answer', async () => {
      const instances = [sut, newInstance()];
      const attempts = Array.from({ length: 20 }, (_, i) =>
        instances[i % 2].claim(request({ correlationId: `corr-${i}` })).then(async (outcome) => {
          if (outcome.kind === 'claimed') await instances[i % 2].complete(outcome.record, ok);
          return outcome;
        }),
      );

      const all = Promise.all(attempts);
      await jest.advanceTimersByTimeAsync(1_000);
      const outcomes = await all;

      expect(outcomes.filter((o) => o.kind === 'claimed')).toHaveLength(1);
      expect(outcomes.filter((o) => o.kind === 'replay')).toHaveLength(19);
      for (const outcome of outcomes) {
        if (outcome.kind === 'replay') expect(outcome.record.response).toEqual(ok);
      }
    });
  });
});
