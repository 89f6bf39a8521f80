import { Injectable } from '@nestjs/common';
import { newId } from '../common/ids';
import { MetricsService } from '../metrics/metrics.service';
import { AuditRepository } from './audit.repository';
import type { AuditEntry, AuditFilter, NewAuditEntry } from './domain/audit-entry';

const MAX_ENTRIES = 1000;

/**
 * The audit trail. A state transition has one entry whose id is derived from the entity and the state
 * it reached, so whoever finishes a flow — the request that won the transition, its retry after a crash,
 * or a reconcile job — can write it again without making a second one. Other facts (retries, provider
 * errors) get fresh ids.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly audit: AuditRepository,
    private readonly metrics: MetricsService,
  ) {}

  async transition(entityId: string, entry: NewAuditEntry): Promise<void> {
    const appended = await this.audit.append({ ...entry, id: transitionEntryId(entityId, entry.toState), createdAt: new Date() });
    if (appended) this.metrics.transitions.inc({ action: entry.action });
  }

  async fact(entry: NewAuditEntry): Promise<void> {
    await this.audit.append({ ...entry, id: newId(), createdAt: new Date() });
  }

  find(filter: AuditFilter): Promise<AuditEntry[]> {
    return this.audit.find(filter, MAX_ENTRIES);
  }

  transitionsOf(entityIds: string[]): Promise<Set<string>> {
    return this.audit.transitionsOf(entityIds);
  }
}

export function transitionEntryId(entityId: string, toState: string): string {
  return `${entityId}:${toState}`;
}
