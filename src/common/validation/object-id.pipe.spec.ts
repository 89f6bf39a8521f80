import { BadRequestException } from '@nestjs/common';
import { OBJECT_ID } from './is-object-id';
import { ObjectIdPipe } from './object-id.pipe';

describe('ObjectIdPipe.transform', () => {
  const sut = new ObjectIdPipe();

  it('passes a 24-character lower-case hex id through unchanged', () => {
    expect(sut.transform('507f1f77bcf86cd799439011')).toBe('507f1f77bcf86cd799439011');
  });

  it.each([
    ['upper case, a second spelling of an id', '507F1F77BCF86CD799439011'],
    ['mixed case', '507f1f77bcf86cd79943901A'],
    ['23 characters', '507f1f77bcf86cd79943901'],
    ['25 characters', '507f1f77bcf86cd7994390111'],
    ['a non-hex character', '507f1f77bcf86cd79943901g'],
    ['a trailing newline', '507f1f77bcf86cd799439011\n'],
    ['nothing', ''],
  ])('refuses %s with 400', (_name, value) => {
    expect(() => sut.transform(value)).toThrow(BadRequestException);
  });

  it('says what an id looks like', () => {
    expect(() => sut.transform('nope')).toThrow('24 lower-case hex characters');
  });
});

describe('OBJECT_ID', () => {
  it('accepts lower-case ids only', () => {
    expect(OBJECT_ID.test('abcdef0123456789abcdef01')).toBe(true);
    expect(OBJECT_ID.test('ABCDEF0123456789ABCDEF01')).toBe(false);
  });

  it('keeps no state between tests (no global flag), so the same id always gets the same answer', () => {
    const id = 'abcdef0123456789abcdef01';
    expect([OBJECT_ID.test(id), OBJECT_ID.test(id), OBJECT_ID.test(id)]).toEqual([true, true, true]);
  });
});
