import { CompletedRecordsCache, type CompletedRecord } from './completed-records.cache';

const now = new Date('2030-01-01T12:00:00.000Z');
const later = (ms: number) => new Date(now.getTime() + ms);

const record = (key: string, overrides: Partial<CompletedRecord> = {}): CompletedRecord => ({
  scope: 'bookings.create',
  key,
  fingerprint: `fp-${key}`,
  state: 'COMPLETED',
  leaseToken: `token-${key}`,
  leaseUntil: now,
  correlationId: `corr-${key}`,
  createdAt: now,
  expiresAt: later(60_000),
  response: { statusCode: 201, body: { key } },
  completedAt: now,
  ...overrides,
});

describe('CompletedRecordsCache.get', () => {
  it('returns nothing for a key it never saw', () => {
    expect(new CompletedRecordsCache(0).get('bookings.create', 'key-1', now)).toBeUndefined();
  });

  it('returns the record put under its scope and key', () => {
    const sut = new CompletedRecordsCache(0);
    const stored = record('key-1');
    sut.put(stored);

    expect(sut.get('bookings.create', 'key-1', now)).toBe(stored);
  });

  it('keeps the same key of different scopes apart', () => {
    const sut = new CompletedRecordsCache(0);
    sut.put(record('key-1', { scope: 'locks.create' }));

    expect(sut.get('payments.create', 'key-1', now)).toBeUndefined();
    expect(sut.get('locks.create', 'key-1', now)?.scope).toBe('locks.create');
  });

  it('serves a record until one millisecond before its expiresAt', () => {
    const sut = new CompletedRecordsCache(0);
    sut.put(record('key-1', { expiresAt: later(1_000) }));

    expect(sut.get('bookings.create', 'key-1', later(999))).toBeDefined();
  });

  it('returns nothing from the record’s expiresAt on, and forgets it', () => {
    const sut = new CompletedRecordsCache(0);
    sut.put(record('key-1', { expiresAt: later(1_000) }));

    expect(sut.get('bookings.create', 'key-1', later(1_000))).toBeUndefined();
    expect(sut.size).toBe(0);
    expect(sut.get('bookings.create', 'key-1', now)).toBeUndefined();
  });

  it('stops serving a record its margin before its expiresAt, so a clock running ahead by as much never disagrees', () => {
    const sut = new CompletedRecordsCache(2_000);
    sut.put(record('key-1', { expiresAt: later(10_000) }));

    expect(sut.get('bookings.create', 'key-1', later(7_999))).toBeDefined();
    expect(sut.get('bookings.create', 'key-1', later(8_000))).toBeUndefined();
    expect(sut.size).toBe(0);
  });

  it('replaces a record put again under the same key', () => {
    const sut = new CompletedRecordsCache(0);
    sut.put(record('key-1'));
    const newer = record('key-1', { correlationId: 'corr-newer' });
    sut.put(newer);

    expect(sut.size).toBe(1);
    expect(sut.get('bookings.create', 'key-1', now)).toBe(newer);
  });
});

describe('CompletedRecordsCache.put', () => {
  it('holds at most its bound, dropping the least recently put first', () => {
    const sut = new CompletedRecordsCache(0, 2);
    sut.put(record('a'));
    sut.put(record('b'));
    sut.put(record('c'));

    expect(sut.size).toBe(2);
    expect(sut.get('bookings.create', 'a', now)).toBeUndefined();
    expect(sut.get('bookings.create', 'b', now)).toBeDefined();
    expect(sut.get('bookings.create', 'c', now)).toBeDefined();
  });

  it('counts a get as a use, so the least recently used goes first', () => {
    const sut = new CompletedRecordsCache(0, 2);
    sut.put(record('a'));
    sut.put(record('b'));
    sut.get('bookings.create', 'a', now);
    sut.put(record('c'));

    expect(sut.get('bookings.create', 'b', now)).toBeUndefined();
    expect(sut.get('bookings.create', 'a', now)).toBeDefined();
    expect(sut.get('bookings.create', 'c', now)).toBeDefined();
  });

  it('counts putting a key again as a use', () => {
    const sut = new CompletedRecordsCache(0, 2);
    sut.put(record('a'));
    sut.put(record('b'));
    sut.put(record('a'));
    sut.put(record('c'));

    expect(sut.get('bookings.create', 'b', now)).toBeUndefined();
    expect(sut.get('bookings.create', 'a', now)).toBeDefined();
  });

  it('is bounded to 10 000 entries by default', () => {
    const sut = new CompletedRecordsCache(0);
    for (let i = 0; i <= 10_000; i++) sut.put(record(`k${i}`));

    expect(sut.size).toBe(10_000);
    expect(sut.get('bookings.create', 'k0', now)).toBeUndefined();
    expect(sut.get('bookings.create', 'k10000', now)).toBeDefined();
  });
});
