/**
 * What the payer asked the payment provider to do with the charge (the request's `force`). The attempt keeps
 * it, so a resumed request asks the same; only the simulated provider acts on it.
 */
export const REQUESTED_OUTCOMES = ['success', 'failure', 'provider_error', 'timeout_after_charge'] as const;

export type RequestedOutcome = (typeof REQUESTED_OUTCOMES)[number];
