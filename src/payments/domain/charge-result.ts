/** SUCCEEDED moved money; DECLINED and VOIDED (the key was closed before any charge) did not. */
export type ChargeStatus = 'SUCCEEDED' | 'DECLINED' | 'VOIDED';

/** The payment provider's answer for one charge key: final for that key. */
export interface ChargeResult {
  chargeId: string;
  status: ChargeStatus;
}

export function movedMoney(charge: ChargeResult): boolean {
  return charge.status === 'SUCCEEDED';
}
