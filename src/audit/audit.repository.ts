import type { AuditCursor, AuditEntry, AuditFilter } from './domain/audit-entry';

export abstract class AuditRepository {
  /** Appends the entries in one command; an entry whose id is there already is kept as it is. */
  abstract appendMany(entries: AuditEntry[]): Promise<void>;
  /** Newest first, strictly after `cursor` when given. */
  abstract find(filter: AuditFilter, limit: number, cursor?: AuditCursor): Promise<AuditEntry[]>;
  /** The ids of entries recorded for these entities, for the consistency check. */
  abstract transitionsOf(entityIds: string[]): Promise<Set<string>>;
}
