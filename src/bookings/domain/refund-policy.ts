const HOUR_MS = 3_600_000;

export const REFUND_POLICIES = ['UNPAID', 'FULL_REFUND', 'HALF_REFUND', 'NO_REFUND'] as const;

export interface RefundDecision {
  amount: number;
  /** Which rule applied, stored with the booking so a replay never recomputes it against a later clock. */
  policy: (typeof REFUND_POLICIES)[number];
  percent: number;
}

/**
 * The refund a cancellation earns, decided once at the moment of cancelling:
 *   - 100 % when cancelled at least 7 days (168 h) before the event starts,
 *   - 50 % when at least 24 hours before,
 *   - nothing later than that (including after the start).
 * An unpaid booking refunds nothing. Half of an odd amount rounds down to the cent.
 */
export const RefundPolicy = {
  FULL_REFUND_HOURS: 168,
  HALF_REFUND_HOURS: 24,

  decide(input: { paidAmount: number; startsAt: Date; cancelledAt: Date }): RefundDecision {
    if (input.paidAmount <= 0) return { amount: 0, policy: 'UNPAID', percent: 0 };
    const hoursBefore = (input.startsAt.getTime() - input.cancelledAt.getTime()) / HOUR_MS;
    if (hoursBefore >= RefundPolicy.FULL_REFUND_HOURS)
      return { amount: input.paidAmount, policy: 'FULL_REFUND', percent: 100 };
    if (hoursBefore >= RefundPolicy.HALF_REFUND_HOURS) {
      return { amount: Math.floor(input.paidAmount / 2), policy: 'HALF_REFUND', percent: 50 };
    }
    return { amount: 0, policy: 'NO_REFUND', percent: 0 };
  },
};
