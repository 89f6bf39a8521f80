import type { HotPoint } from './hot-event-curve';
import type { ScenarioName } from './load-scenarios';

/** Replays per second of a published NestJS idempotency library with an in-memory store, on this machine kind. */
export const LIBRARY_REPLAY_RPS = 2100;
const HOT_TARGET_SIZE = 30_000;

export interface TargetRow {
  target: string;
  measured: string;
  /** Undefined when the run has nothing to judge it by. */
  pass?: boolean;
}

/** The goals of issue 8, each judged on figures from this same run. */
export function judgeTargets(rps: (name: ScenarioName) => number, hot: HotPoint[]): TargetRow[] {
  const ratio = (target: string, numerator: ScenarioName, denominator: ScenarioName, factor: number): TargetRow => {
    const value = rps(numerator) / rps(denominator);
    return {
      target,
      measured: `${fixed(rps(numerator))} / ${fixed(rps(denominator))} = ${value.toFixed(2)}`,
      pass: Number.isFinite(value) ? value >= factor : undefined,
    };
  };
  const versusLibrary = (name: ScenarioName): TargetRow => ({
    target: `${name} rps ≥ ${LIBRARY_REPLAY_RPS} (library with in-memory store)`,
    measured: `${fixed(rps(name))} / ${LIBRARY_REPLAY_RPS} = ${(rps(name) / LIBRARY_REPLAY_RPS).toFixed(2)}`,
    pass: rps(name) >= LIBRARY_REPLAY_RPS,
  });
  return [
    ratio('POST /api/locks replay rps ≥ 0.9 × GET /health rps', 'POST /api/locks replay', 'GET /health', 0.9),
    ratio(
      'POST /api/locks first rps ≥ 0.2 × GET /api/events/:id rps',
      'POST /api/locks first',
      'GET /api/events/:id',
      0.2,
    ),
    hotTarget(hot),
    versusLibrary('POST /api/locks replay'),
    versusLibrary('POST /api/payments/intent replay'),
  ];
}

function hotTarget(hot: HotPoint[]): TargetRow {
  const empty = hot.find((point) => point.size === 0)?.medianMs;
  // A run without 30 000 (--quick, or own --hot sizes) is judged at its largest size, and says so.
  const point = hot.find((p) => p.size === HOT_TARGET_SIZE) ?? hot.at(-1);
  const target = 'hot-event lock latency at 30 000 active locks ≤ 1.5 × at 0';
  if (empty === undefined || point === undefined || point.size === 0) return { target, measured: 'not measured' };
  const at = point.size === HOT_TARGET_SIZE ? '' : ` (at ${point.size}, not 30 000)`;
  if (point.medianMs !== undefined) {
    const value = point.medianMs / empty;
    return {
      target,
      measured: `${point.medianMs.toFixed(1)} / ${empty.toFixed(1)} ms = ${value.toFixed(2)}${at}`,
      pass: value <= 1.5,
    };
  }
  if (point.projectedMs !== undefined) {
    const value = point.projectedMs / empty;
    return {
      target,
      measured: `not reached (${point.skipped}); projected ${(point.projectedMs / 1000).toFixed(1)} s / ${empty.toFixed(1)} ms ≈ ${value.toFixed(0)}${at}`,
      pass: value <= 1.5,
    };
  }
  return { target, measured: `not reached (${point.skipped})${at}` };
}

function fixed(value: number): string {
  return value.toFixed(0);
}
