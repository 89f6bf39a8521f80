import { movedMoney, type ChargeStatus } from './charge-result';

describe('movedMoney', () => {
  it.each<[ChargeStatus, boolean]>([
    ['SUCCEEDED', true],
    ['DECLINED', false],
    // The key was closed before any charge was made under it.
    ['VOIDED', false],
  ])('%s moved money: %p', (status, moved) => {
    expect(movedMoney({ chargeId: 'ch_1', status })).toBe(moved);
  });
});
