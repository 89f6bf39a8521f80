export interface AuditEntry {
  id: string;
  eventId?: string;
  lockId?: string;
  bookingId?: string;
  attemptId?: string;
  action: string;
  fromState: string | null;
  toState: string;
  correlationId: string;
  metadata: Record<string, unknown>;
  createdAt: Date;
}

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'createdAt'>;

export interface AuditFilter {
  bookingId?: string;
  lockId?: string;
  action?: string;
  isRetry?: boolean;
}
