import { ReplayTally } from './replay-tally';

describe('ReplayTally', () => {
  it('answers each replay of a key with its ordinal, per scope', () => {
    const sut = new ReplayTally();
    expect([sut.next('a', 'k'), sut.next('a', 'k'), sut.next('b', 'k'), sut.next('a', 'k')]).toEqual([1, 2, 1, 3]);
  });

  it('forgets the least recently replayed key once full', () => {
    const sut = new ReplayTally(2);
    sut.next('s', 'old');
    sut.next('s', 'kept');
    sut.next('s', 'kept');
    sut.next('s', 'new');
    expect(sut.next('s', 'kept')).toBe(3);
    expect(sut.next('s', 'old')).toBe(1);
  });
});
