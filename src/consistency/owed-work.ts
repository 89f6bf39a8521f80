import { CronTime } from 'cron';

/** A broken invariant: no pass will ever fix it. */
export interface Violation {
  kind: string;
  entityId: string;
  detail: string;
}

/** Work a stored document owes (a follow-up, a seat move, a refund) since `since`, finished by `finishedBy`. */
export interface OwedFinding extends Violation {
  since: Date;
  finishedBy: string;
}

/** Owed work as the report shows it: how long it has been owed, and what finishes it. */
export interface OwedWork extends Violation {
  ageSeconds: number;
  finishedBy: string;
}

/** Runs looked at to find the longest gap of an irregular schedule (a cron with lists or ranges). */
const RUNS_SAMPLED = 50;

/** The longest time between two runs of the jobs on `cron`, from the runs after `from`. */
export function jobPeriodSeconds(cron: string, from: Date): number {
  const schedule = new CronTime(cron);
  let previous = schedule.getNextDateFrom(from).toJSDate();
  let longest = 0;
  for (let run = 1; run < RUNS_SAMPLED; run++) {
    const next = schedule.getNextDateFrom(previous).toJSDate();
    longest = Math.max(longest, next.getTime() - previous.getTime());
    previous = next;
  }
  return Math.ceil(longest / 1000);
}

/**
 * Owed work is pending, not broken — until the pass that finishes it has had its chance: an item becomes
 * the reconcile pass's after `RECONCILE_AFTER_SECONDS` and the next run comes within one job period, so
 * anything owed for longer than their sum is reported as a violation of the same kind.
 */
export function splitOverdue(
  findings: OwedFinding[],
  now: Date,
  overdueAfterSeconds: number,
): { owed: OwedWork[]; overdue: Violation[] } {
  const owed: OwedWork[] = [];
  const overdue: Violation[] = [];
  for (const { since, finishedBy, ...finding } of findings) {
    const ageSeconds = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 1000));
    if (ageSeconds <= overdueAfterSeconds) owed.push({ ...finding, ageSeconds, finishedBy });
    else
      overdue.push({
        ...finding,
        detail: `${finding.detail}; owed for ${ageSeconds} s, longer than the ${overdueAfterSeconds} s ${finishedBy} needs`,
      });
  }
  return { owed, overdue };
}
