import type { FaultCounts } from './fault-injector';
import { isPadded, type History } from './history';
import type { InvariantResult } from './invariant';
import type { SettleReport } from './settle';

export function progressLine(
  elapsedS: number,
  totalS: number,
  history: History,
  faults: FaultCounts,
  violations: number,
): string {
  const responses = history.entries.filter((e) => e.outcome === 'response');
  const serverErrors = responses.filter((e) => (e.status ?? 0) >= 500).length;
  const lost = history.entries.length - responses.length;
  return (
    `[${String(elapsedS).padStart(4)}s/${totalS}s] requests ${history.entries.length}  retries ${history.retries}  ` +
    `5xx ${serverErrors}  lost ${lost}  kills ${faults.kill}  pauses ${faults.pause}  engine restarts ${faults.engine}  ` +
    `skews ${faults.skew}  black holes ${faults.blackhole}  ` +
    `violations so far ${violations}`
  );
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) =>
    `| ${r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`;
  const rule = `|${widths.map((w, c) => (c === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(rows[0]), rule, ...rows.slice(1).map(line)].join('\n');
}

/** The end-of-run summary: what was sent, what broke, and each invariant with its count. */
export function summary(
  history: History,
  faults: FaultCounts,
  settleReport: SettleReport,
  invariants: InvariantResult[],
): string {
  const entries = history.entries;
  const count = (predicate: (e: (typeof entries)[number]) => boolean) => String(entries.filter(predicate).length);
  const traffic = table([
    ['traffic', 'count'],
    ['requests', String(entries.length)],
    ['retries (same key, same payload)', String(history.retries)],
    ['storm requests (one key, several instances at once)', count((e) => e.storm)],
    ['replayed answers (Idempotent-Replayed: true)', count((e) => e.replayed)],
    ['keyed sends with the key in the Idempotency-Key header (the rest: body)', count((e) => e.keyIn === 'header')],
    ['sends of a padded key (spaces around it)', count(isPadded)],
    ['400 (a padded key refused)', count((e) => isPadded(e) && e.status === 400)],
    ['2xx', count((e) => e.outcome === 'response' && (e.status ?? 0) < 300)],
    [
      '409 IN_PROGRESS',
      count((e) => e.status === 409 && (e.body as { code?: string })?.code === 'IDEMPOTENCY.IN_PROGRESS'),
    ],
    [
      '409 SEATS.UNAVAILABLE (inventory exhausted)',
      count((e) => e.status === 409 && (e.body as { code?: string })?.code === 'SEATS.UNAVAILABLE'),
    ],
    ['422 KEY_REUSED', count((e) => e.status === 422)],
    ['500', count((e) => e.status === 500)],
    ['502/504 (provider)', count((e) => e.status === 502 || e.status === 504)],
    ['503 (database down)', count((e) => e.status === 503)],
    ['timed out', count((e) => e.outcome === 'timeout')],
    ['aborted by the client', count((e) => e.outcome === 'aborted')],
    ['connection refused/reset', count((e) => e.outcome === 'network')],
    ['instance kills (SIGKILL)', String(faults.kill)],
    ['instance pauses (SIGSTOP past the lease)', String(faults.pause)],
    ['engine restarts', String(faults.engine)],
    ['instances restarted with a skewed clock (±1.2 s)', String(faults.skew)],
    ['engine black holes (silent, connections open)', String(faults.blackhole)],
    ['owed writes re-sent while settling', String(settleReport.owedWrites)],
    ['owed writes that never answered', String(settleReport.stillOwed)],
    ['writes abandoned by crashed clients (never re-sent)', String(settleReport.abandoned)],
    ['job rounds until quiet', `${settleReport.jobRounds}${settleReport.quiet ? '' : ' (never quiet)'}`],
  ]);
  const checks = table([
    ['invariant', 'checked', 'violations'],
    ...invariants.map((r) => [r.name, String(r.checked), String(r.violations.length)]),
  ]);
  const details = invariants
    .filter((r) => r.violations.length > 0)
    .map(
      (r) =>
        `\n✗ ${r.name}\n${r.violations
          .slice(0, 10)
          .map((v) => `    ${v}`)
          .join('\n')}${r.violations.length > 10 ? `\n    … ${r.violations.length - 10} more` : ''}`,
    )
    .join('\n');
  return `${traffic}\n\n${checks}\n${details}`;
}
