import { jobPeriodSeconds, splitOverdue, type OwedFinding } from './owed-work';

const now = new Date('2030-01-01T12:00:00.000Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
const finding = (id: string, since: Date): OwedFinding => ({
  kind: 'UNSETTLED',
  entityId: id,
  detail: 'CANCELLED with follow-up work still owed',
  since,
  finishedBy: 'reconcile pass',
});

describe('jobPeriodSeconds', () => {
  it.each([
    ['0 * * * * *', 60],
    ['*/5 * * * * *', 5],
    ['0 */10 * * * *', 600],
    ['0 0 * * * *', 3_600],
  ])('is %s → %p s', (cron, seconds) => {
    expect(jobPeriodSeconds(cron, now)).toBe(seconds);
  });

  it('is the longest gap of an irregular schedule', () => {
    // At 0 and 10 seconds past each minute: gaps of 10 s and 50 s.
    expect(jobPeriodSeconds('0,10 * * * * *', now)).toBe(50);
  });
});

describe('splitOverdue', () => {
  it('keeps work owed up to the bound as owed, with its age and what finishes it', () => {
    const { owed, overdue } = splitOverdue([finding('b-1', ago(0)), finding('b-2', ago(120))], now, 120);

    expect(owed).toEqual([
      { kind: 'UNSETTLED', entityId: 'b-1', detail: expect.any(String), ageSeconds: 0, finishedBy: 'reconcile pass' },
      { kind: 'UNSETTLED', entityId: 'b-2', detail: expect.any(String), ageSeconds: 120, finishedBy: 'reconcile pass' },
    ]);
    expect(overdue).toEqual([]);
  });

  it('reports work owed past the bound as a violation of the same kind and shape', () => {
    const { owed, overdue } = splitOverdue([finding('b-3', ago(121))], now, 120);

    expect(owed).toEqual([]);
    expect(overdue).toEqual([{ kind: 'UNSETTLED', entityId: 'b-3', detail: expect.stringContaining('121 s') }]);
    expect(Object.keys(overdue[0]).sort()).toEqual(['detail', 'entityId', 'kind']);
  });

  it('counts work stamped ahead of this instance clock as just owed', () => {
    expect(splitOverdue([finding('b-4', ago(-5))], now, 0).owed[0].ageSeconds).toBe(0);
  });
});
