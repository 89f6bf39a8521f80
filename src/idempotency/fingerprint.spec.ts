import { canonicalJson, fingerprint } from './fingerprint';

describe('fingerprint', () => {
  it('ignores key order at every depth', () => {
    const a = { bookingId: 'b1', amount: 100, meta: { x: 1, y: [1, 2], z: { q: true, p: null } } };
    const b = { meta: { z: { p: null, q: true }, y: [1, 2], x: 1 }, amount: 100, bookingId: 'b1' };
    expect(fingerprint(a)).toBe(fingerprint(b));
  });

  it('keeps array order meaningful', () => {
    expect(fingerprint({ seats: [1, 2] })).not.toBe(fingerprint({ seats: [2, 1] }));
  });

  it('tells values and types apart', () => {
    expect(fingerprint({ amount: 100 })).not.toBe(fingerprint({ amount: '100' }));
    expect(fingerprint({ amount: 100 })).not.toBe(fingerprint({ amount: 101 }));
    expect(fingerprint({ a: null })).not.toBe(fingerprint({}));
  });

  it('treats an absent field and an undefined one alike', () => {
    expect(fingerprint({ a: 1, b: undefined })).toBe(fingerprint({ a: 1 }));
  });

  it('distinguishes nesting from flat keys that look alike', () => {
    expect(fingerprint({ 'a.b': 1 })).not.toBe(fingerprint({ a: { b: 1 } }));
  });

  it('renders canonical JSON', () => {
    expect(canonicalJson({ b: [3, { d: 1, c: 2 }], a: 'x' })).toBe('{"a":"x","b":[3,{"c":2,"d":1}]}');
  });
});
