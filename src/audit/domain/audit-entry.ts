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

/** A position in the newest-first listing: entries strictly older than it come next. */
export interface AuditCursor {
  createdAt: Date;
  id: string;
}

export const AuditCursor = {
  encode(entry: AuditCursor): string {
    return Buffer.from(`${entry.createdAt.getTime()}|${entry.id}`).toString('base64url');
  },
  decode(text: string): AuditCursor | undefined {
    const [millis, ...id] = Buffer.from(text, 'base64url').toString().split('|');
    const createdAt = new Date(Number(millis));
    return id.length > 0 && /^\d+$/.test(millis) && !Number.isNaN(createdAt.getTime())
      ? { createdAt, id: id.join('|') }
      : undefined;
  },
};
