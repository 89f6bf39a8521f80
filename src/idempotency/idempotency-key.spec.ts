import type { Request } from 'express';
import { InvalidIdempotencyKeyError } from './idempotency-errors';
import { idempotencyKeyOf } from './idempotency-key';

/** A request as Express hands it over: `headers` as Node joined them, `rawHeaders` as the client sent them. */
const requestWith = (headerLines: string[], body?: Record<string, unknown>): Request =>
  ({
    rawHeaders: headerLines.flatMap((value) => ['Idempotency-Key', value]),
    headers: headerLines.length > 0 ? { 'idempotency-key': headerLines.join(', ') } : {},
    body,
  }) as unknown as Request;

describe('idempotencyKeyOf', () => {
  it('reads the key from the header or the body, the same key either way', () => {
    expect(idempotencyKeyOf(requestWith(['k-1']))).toBe('k-1');
    expect(idempotencyKeyOf(requestWith([], { idempotencyKey: 'k-1' }))).toBe('k-1');
    expect(idempotencyKeyOf(requestWith(['k-1'], { idempotencyKey: 'k-1' }))).toBe('k-1');
  });

  it('has no key when neither carries one', () => {
    expect(idempotencyKeyOf(requestWith([], {}))).toBeUndefined();
  });

  it('keeps spaces inside a key', () => {
    expect(idempotencyKeyOf(requestWith([], { idempotencyKey: 'order 42' }))).toBe('order 42');
  });

  it.each(['k ', ' k', ' ', 'k\t'])('refuses the body key %p: a header could never carry it', (key) => {
    expect(() => idempotencyKeyOf(requestWith([], { idempotencyKey: key }))).toThrow(InvalidIdempotencyKeyError);
  });

  it.each([
    ['two different keys', ['a', 'b']],
    ['one key twice', ['a', 'a']],
  ])('refuses two Idempotency-Key header lines (%s), which Node would join into one', (_label, lines) => {
    expect(() => idempotencyKeyOf(requestWith(lines))).toThrow(InvalidIdempotencyKeyError);
  });

  it('refuses a header and a body that differ', () => {
    expect(() => idempotencyKeyOf(requestWith(['a'], { idempotencyKey: 'b' }))).toThrow(InvalidIdempotencyKeyError);
  });
});
