import { EventsRepository } from '../src/events/events.repository';
import { advanceClock } from './support/clock';
import {
  confirmLock,
  consistencyReport,
  createEvent,
  expectOpaqueServerError,
  openLock,
  requestCancel,
  runJob,
  uniqueKey,
} from './support/fixtures';
import { useTestApp } from './support/test-app';

const RECONCILE_AFTER_SECONDS = 30;
/** The jobs run every minute (the default JOBS_CRON), so owed work is overdue after 30 + 60 s. */
const OVERDUE_AFTER_SECONDS = 90;

/**
 * The consistency report tells pending from broken: what a stored document owes after a crash is `owed`
 * (with its age and what finishes it) until the reconcile pass had its chance, and only then a violation.
 */
describe('Consistency report: owed work is not a violation until overdue (e2e)', () => {
  const t = useTestApp({ RECONCILE_AFTER_SECONDS: String(RECONCILE_AFTER_SECONDS) });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('a cancel that died before giving its seats back owes work; owed, then overdue, then finished by the pass', async () => {
    const event = await createEvent(t, { totalSeats: 10 });
    const booking = await confirmLock(t, (await openLock(t, { eventId: event.id, seats: 2 })).id);
    jest.spyOn(t.app.get(EventsRepository), 'giveSeatsBack').mockRejectedValueOnce(new Error('injected crash'));
    expectOpaqueServerError(await requestCancel(t, booking.id, { key: uniqueKey('cancel') }));
    jest.restoreAllMocks();

    const fresh = await consistencyReport(t);
    expect(fresh.violations).toEqual([]);
    expect(fresh.owedOverdueAfterSeconds).toBe(OVERDUE_AFTER_SECONDS);
    expect(fresh.owed.map((o) => [o.kind, o.finishedBy])).toEqual(
      expect.arrayContaining([
        ['UNSETTLED_MOVE', 'the request that made it, else the reconcile pass'],
        ['UNSETTLED', 'reconcile pass'],
      ]),
    );
    expect(fresh.owed.find((o) => o.kind === 'UNSETTLED')).toMatchObject({ entityId: booking.id });
    for (const owed of fresh.owed) expect(owed.ageSeconds).toBeLessThan(5);

    advanceClock(t, (OVERDUE_AFTER_SECONDS + 5) * 1000);
    const overdue = await consistencyReport(t);
    expect(overdue.owed).toEqual([]);
    expect(overdue.violations.map((v) => v.kind).sort()).toEqual(fresh.owed.map((o) => o.kind).sort());
    for (const violation of overdue.violations) {
      expect(Object.keys(violation).sort()).toEqual(['detail', 'entityId', 'kind']);
      expect(violation.detail).toMatch(/owed for \d+ s/);
    }

    await runJob(t, 'expire-bookings').expect(200);
    const finished = await consistencyReport(t);
    expect(finished.violations).toEqual([]);
    expect(finished.owed).toEqual([]);
  });
});
