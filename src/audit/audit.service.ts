import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import type { StateMachine } from '../common/state-machine';
import { newId } from '../common/ids';
import { FollowUpQueue, type BatchWriter } from '../follow-up/follow-up-queue';
import { MetricsService } from '../metrics/metrics.service';
import { AuditRepository } from './audit.repository';
import type { AuditCursor, AuditEntry, AuditFilter, NewAuditEntry } from './domain/audit-entry';
import { auditEntriesOwed, original, transitionEntry } from './domain/audit-trail';

/**
 * The audit trail. A state transition has one entry whose id is derived from the entity and the state
 * it reached, so whoever finishes a flow — the request that won the transition, or the reconcile pass
 * after a crash — can write it again without making a second one. Retries get fresh ids.
 *
 * Entries are written after the answer, batched (follow-up/follow-up-queue.ts): a transition's entry is
 * owed by its entity until written (`settled: false`), so a crash delays it but cannot lose it.
 *
 * Every entry is an original (`metadata.isRetry: false`) unless the idempotency layer records it as a
 * retry (retryLater): the business code that writes the originals never speaks of retries.
 */
@Injectable()
export class AuditService {
  private readonly writer: BatchWriter<AuditEntry> = {
    phase: 1,
    writeBatch: (entries) => this.audit.appendMany(entries),
  };

  constructor(
    private readonly audit: AuditRepository,
    private readonly followUps: FollowUpQueue,
    private readonly metrics: MetricsService,
    private readonly clock: Clock,
  ) {}

  /** A transition's entry, queued. */
  transitionLater(entityId: string, entry: NewAuditEntry): void {
    this.metrics.transitions.inc({ action: entry.action });
    this.followUps.add(this.writer, transitionEntry(entityId, entry, this.clock.now()));
  }

  /**
   * The entries an entity owes for reaching its current state (domain/audit-trail.ts), none for a state
   * nobody outside sees; an earlier entry already there is kept as it is. `also` is an entry of a part
   * the entity owes with it (a booking's issued refund), queued in the same batch.
   */
  trailLater<S extends string>(
    machine: StateMachine<S>,
    entity: { id: string; status: S; previousStatus?: S; correlationId: string },
    details: Pick<NewAuditEntry, 'eventId' | 'lockId' | 'bookingId' | 'attemptId' | 'metadata'>,
    also?: { entityId: string; entry: NewAuditEntry },
  ): void {
    const at = this.clock.now();
    const owed = machine.rules[entity.status].audit
      ? auditEntriesOwed(machine, entity.status, entity.previousStatus)
      : [];
    const entries = owed.map(({ state, action }) => {
      const late = state !== entity.status;
      const entry = {
        ...details,
        action,
        fromState: late ? null : (entity.previousStatus ?? null),
        toState: state,
        correlationId: entity.correlationId,
        metadata: late ? { recordedLate: true } : details.metadata,
      };
      return transitionEntry(entity.id, entry, at);
    });
    if (also) entries.push(transitionEntry(also.entityId, also.entry, at));
    // Counted once per transition won: a state's debt paid late was counted when its transition was.
    for (const { action, metadata } of entries) if (!metadata.recordedLate) this.metrics.transitions.inc({ action });
    if (entries.length > 0) this.followUps.add(this.writer, ...entries);
  }

  /** A request that repeated an earlier one (replayed, taken over, or a duplicate of a done thing). */
  retryLater(entry: NewAuditEntry): void {
    this.factLater({ ...entry, metadata: { ...entry.metadata, isRetry: true } });
  }

  /** Something that happened without changing a state (a provider failure, a retry). */
  factLater(entry: NewAuditEntry): void {
    this.followUps.add(this.writer, {
      ...entry,
      id: newId(),
      metadata: original(entry.metadata),
      createdAt: this.clock.now(),
    });
  }

  /** Newest first. This instance's entries still queued are written first, so a client reads its own writes. */
  async find(filter: AuditFilter, limit: number, cursor?: AuditCursor): Promise<AuditEntry[]> {
    await this.followUps.drain();
    return this.audit.find(filter, limit, cursor);
  }

  async transitionsOf(entityIds: string[]): Promise<Set<string>> {
    return this.audit.transitionsOf(entityIds);
  }
}
