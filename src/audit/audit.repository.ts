import type { AuditEntry, AuditFilter } from './domain/audit-entry';

export abstract class AuditRepository {
  /** Appends the entry and says so; an entry with the same id already there is kept as it is. */
  abstract append(entry: AuditEntry): Promise<boolean>;
  abstract find(filter: AuditFilter, limit: number): Promise<AuditEntry[]>;
  /** The ids of entries recorded for these entities, for the consistency check. */
  abstract transitionsOf(entityIds: string[]): Promise<Set<string>>;
}
