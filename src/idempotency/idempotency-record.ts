/** What a replay gives back: a stored success, or a stored final business error. */
export type StoredResponse =
  | { statusCode: number; body: unknown }
  | { statusCode: number; error: { kind: string; code: string; message: string } };

export interface IdempotencyRecord {
  scope: string;
  key: string;
  fingerprint: string;
  state: 'IN_PROGRESS' | 'COMPLETED';
  /** Proves ownership of the claim: only the holder of this token may renew, complete or release it. */
  leaseToken: string;
  /** A claim whose lease has passed belongs to a request that died; the next retry takes it over. */
  leaseUntil: Date;
  correlationId: string;
  createdAt: Date;
  expiresAt: Date;
  response?: StoredResponse;
  completedAt?: Date;
}
