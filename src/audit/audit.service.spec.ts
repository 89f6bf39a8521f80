import { FixedClock } from '../../test/support/clock';
import { FollowUpQueue } from '../follow-up/follow-up-queue';
import { LOCK_STATES, type LockStatus } from '../locks/domain/seat-lock';
import type { MetricsService } from '../metrics/metrics.service';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import type { AuditCursor, AuditEntry, AuditFilter } from './domain/audit-entry';

const now = new Date('2030-01-01T12:00:00.000Z');

/** Entries by id, appended as the Mongo repository does: an id already there is kept as it is. */
class InMemoryAudit extends AuditRepository {
  readonly byId = new Map<string, AuditEntry>();

  appendMany(entries: AuditEntry[]): Promise<void> {
    for (const entry of entries) if (!this.byId.has(entry.id)) this.byId.set(entry.id, entry);
    return Promise.resolve();
  }
  find(filter: AuditFilter, limit: number, _cursor?: AuditCursor): Promise<AuditEntry[]> {
    const entries = [...this.byId.values()].filter(
      (e) =>
        (filter.lockId === undefined || e.lockId === filter.lockId) &&
        (filter.isRetry === undefined || (e.metadata.isRetry === true) === filter.isRetry),
    );
    return Promise.resolve(entries.slice(0, limit));
  }
  transitionsOf(entityIds: string[]): Promise<Set<string>> {
    const ids = [...this.byId.keys()].filter((id) => entityIds.some((entityId) => id.startsWith(`${entityId}:`)));
    return Promise.resolve(new Set(ids));
  }
}

function setUp() {
  const audit = new InMemoryAudit();
  const followUps = new FollowUpQueue();
  const counted: string[] = [];
  const metrics = {
    transitions: { inc: ({ action }: { action: string }) => counted.push(action) },
  } as unknown as MetricsService;
  return { audit, followUps, counted, sut: new AuditService(audit, followUps, metrics, new FixedClock(now)) };
}

const lock = (status: LockStatus, previousStatus?: LockStatus) => ({
  id: 'lock-1',
  status,
  previousStatus,
  correlationId: 'corr-1',
});
const details = { lockId: 'lock-1', eventId: 'event-1', metadata: { seats: 2 } };

describe('AuditService', () => {
  it('writes the entry of the state an entity reached, under an id derived from it, as an original, after the answer', async () => {
    const { sut, audit, followUps, counted } = setUp();

    sut.trailLater(LOCK_STATES, lock('ACTIVE'), details);
    expect(audit.byId.size).toBe(0);
    await followUps.drain();

    expect([...audit.byId.values()]).toEqual([
      {
        id: 'lock-1:ACTIVE',
        lockId: 'lock-1',
        eventId: 'event-1',
        action: 'LOCK_CREATED',
        fromState: null,
        toState: 'ACTIVE',
        correlationId: 'corr-1',
        metadata: { isRetry: false, seats: 2 },
        createdAt: now,
      },
    ]);
    expect(counted).toEqual(['LOCK_CREATED']);
  });

  it('pays the entry an earlier state still owed (a crash before its follow-up), marked as recorded late', async () => {
    const { sut, audit, followUps } = setUp();

    sut.trailLater(LOCK_STATES, lock('RELEASED', 'ACTIVE'), details);
    await followUps.drain();

    expect(audit.byId.get('lock-1:ACTIVE')).toMatchObject({
      action: 'LOCK_CREATED',
      fromState: null,
      toState: 'ACTIVE',
      metadata: { isRetry: false, recordedLate: true },
    });
    expect(audit.byId.get('lock-1:RELEASED')).toMatchObject({
      action: 'LOCK_RELEASED',
      fromState: 'ACTIVE',
      toState: 'RELEASED',
      metadata: { isRetry: false, seats: 2 },
    });
  });

  it('keeps an entry already written as it is when a later move owes it again', async () => {
    const { sut, audit, followUps } = setUp();
    sut.trailLater(LOCK_STATES, lock('ACTIVE'), details);
    await followUps.drain();

    sut.trailLater(LOCK_STATES, lock('RELEASED', 'ACTIVE'), details);
    sut.trailLater(LOCK_STATES, lock('RELEASED', 'ACTIVE'), details);
    await followUps.drain();

    expect(audit.byId.get('lock-1:ACTIVE')?.metadata).toEqual({ isRetry: false, seats: 2 });
    expect(audit.byId.size).toBe(2);
  });

  it('owes nothing for a state nobody outside sees', async () => {
    const { sut, audit, followUps } = setUp();

    sut.trailLater(LOCK_STATES, lock('ABANDONED'), details);
    await followUps.drain();

    expect(audit.byId.size).toBe(0);
  });

  it('records retries with fresh ids and isRetry, facts as originals', async () => {
    const { sut, followUps } = setUp();
    const fact = { lockId: 'lock-1', action: 'X', fromState: 'ACTIVE', toState: 'ACTIVE', correlationId: 'c' };

    sut.retryLater({ ...fact, action: 'REQUEST_RETRY', metadata: { scope: 'locks.create' } });
    sut.retryLater({ ...fact, action: 'REQUEST_RETRY', metadata: { scope: 'locks.create' } });
    sut.factLater({ ...fact, action: 'PAYMENT_PROVIDER_ERROR', metadata: { code: 'PAYMENT.PROVIDER_ERROR' } });
    await followUps.drain();

    const retries = await sut.find({ isRetry: true }, 10);
    expect(retries).toHaveLength(2);
    expect(retries.map((e) => e.metadata)).toEqual([
      { scope: 'locks.create', isRetry: true },
      { scope: 'locks.create', isRetry: true },
    ]);
    expect((await sut.find({ isRetry: false }, 10)).map((e) => e.metadata)).toEqual([
      { isRetry: false, code: 'PAYMENT.PROVIDER_ERROR' },
    ]);
  });

  it("reads this instance's queued entries before answering a query (a client reads its own writes)", async () => {
    const { sut } = setUp();

    sut.trailLater(LOCK_STATES, lock('ACTIVE'), details);

    expect((await sut.find({ lockId: 'lock-1' }, 10)).map((e) => e.id)).toEqual(['lock-1:ACTIVE']);
    expect(await sut.transitionsOf(['lock-1'])).toEqual(new Set(['lock-1:ACTIVE']));
  });
});
