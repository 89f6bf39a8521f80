/** SUCCEEDED moved money; DECLINED and VOIDED (the key was closed before any charge) did not. */
export const CHARGE_STATUSES = ['SUCCEEDED', 'DECLINED', 'VOIDED'] as const;
export type ChargeStatus = (typeof CHARGE_STATUSES)[number];

/** The payment provider's answer for one charge key: final for that key. */
export interface ChargeResult {
  chargeId: string;
  status: ChargeStatus;
}

export function movedMoney(charge: ChargeResult): boolean {
  return charge.status === 'SUCCEEDED';
}
