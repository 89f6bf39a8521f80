import { RefundPolicy } from './refund-policy';

const startsAt = new Date('2030-06-10T18:00:00.000Z');
const hoursBefore = (h: number) => new Date(startsAt.getTime() - h * 3_600_000);
const decide = (paidAmount: number, cancelledAt: Date) => RefundPolicy.decide({ paidAmount, startsAt, cancelledAt });

describe('RefundPolicy.decide', () => {
  it('refunds everything exactly 7 days before the start', () => {
    expect(decide(10_000, hoursBefore(168))).toEqual({ amount: 10_000, policy: 'FULL_REFUND', percent: 100 });
  });

  it('refunds half one millisecond inside the 7-day window', () => {
    const cancelledAt = new Date(hoursBefore(168).getTime() + 1);
    expect(decide(10_000, cancelledAt)).toEqual({ amount: 5_000, policy: 'HALF_REFUND', percent: 50 });
  });

  it('refunds half exactly 24 hours before the start', () => {
    expect(decide(10_000, hoursBefore(24))).toEqual({ amount: 5_000, policy: 'HALF_REFUND', percent: 50 });
  });

  it('refunds nothing one millisecond inside the last 24 hours', () => {
    const cancelledAt = new Date(hoursBefore(24).getTime() + 1);
    expect(decide(10_000, cancelledAt)).toEqual({ amount: 0, policy: 'NO_REFUND', percent: 0 });
  });

  it('refunds nothing after the event has started', () => {
    expect(decide(10_000, hoursBefore(-5))).toEqual({ amount: 0, policy: 'NO_REFUND', percent: 0 });
  });

  it('rounds half of an odd amount down to the cent', () => {
    expect(decide(2_501, hoursBefore(48)).amount).toBe(1_250);
  });

  it('refunds nothing for an unpaid booking, whenever it is cancelled', () => {
    expect(decide(0, hoursBefore(500))).toEqual({ amount: 0, policy: 'UNPAID', percent: 0 });
  });
});
