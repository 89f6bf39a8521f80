import { ApiClient, inParallel, lockBody } from './api-client';
import { median } from './median';

export const SEED_CONCURRENCY = 32;
/** The samples of one size are sequential, so a slow size gets this long rather than the seeding budget. */
const SAMPLE_BUDGET_MS = 120_000;

export interface HotPoint {
  /** Active locks on the event when the samples started. */
  size: number;
  medianMs?: number;
  samples?: number;
  seedSeconds?: number;
  /** Why the size has no measurement. */
  skipped?: string;
  /** A measured size that is not the one asked for says why. */
  note?: string;
  /** For a skipped size: the latency the measured sizes project, if they allow a projection. */
  projectedMs?: number;
}

export interface HotSettings {
  sizes: number[];
  samples: number;
  maxMinutes: number;
}

/**
 * Sequential POST /api/locks latency on one event against the active locks already on it. Locks are
 * seeded through HTTP, SEED_CONCURRENCY in flight, and stay ACTIVE (the service runs with the longest
 * LOCK_TTL_SECONDS), so each size builds on the previous one.
 */
export async function measureHotCurve(api: ApiClient, settings: HotSettings): Promise<HotPoint[]> {
  let eventId: string;
  try {
    eventId = await api.createEvent('bench hot event');
  } catch (error) {
    const skipped = `failed: ${error instanceof Error ? error.message : String(error)}`;
    return settings.sizes.map((size) => ({ size, skipped }));
  }
  const budgetMs = settings.maxMinutes * 60_000;
  const points: HotPoint[] = [];
  let active = 0;
  let stoppedBecause: string | undefined;

  for (const size of settings.sizes) {
    if (stoppedBecause !== undefined) {
      points.push({ size, skipped: stoppedBecause, projectedMs: project(points, active, size)?.latencyMs });
      continue;
    }
    const projection = project(points, active, size);
    if (projection && projection.seedMs > budgetMs) {
      stoppedBecause = `seeding projected at ${minutes(projection.seedMs)} > --hot-max-minutes=${settings.maxMinutes}`;
      points.push({ size, skipped: stoppedBecause, projectedMs: projection.latencyMs });
      continue;
    }

    const seedStart = Date.now();
    const wanted = size - active;
    if (wanted > 0) process.stdout.write(`  hot event: seeding ${wanted} locks to reach ${size}…\n`);
    let seeded = 0;
    let seedSeconds = 0;
    const latencies: number[] = [];
    try {
      seeded = await inParallel(wanted, SEED_CONCURRENCY, seedStart + budgetMs, (i) =>
        api.createLock(eventId, `bench-hot-seed-${active + i}`).then(() => undefined),
      );
      active += seeded;
      seedSeconds = (Date.now() - seedStart) / 1000;
      await sample(api, eventId, active, settings.samples, Date.now() + SAMPLE_BUDGET_MS, latencies);
    } catch (error) {
      // A request that fails or times out ends the curve, but keeps what the run measured so far.
      stoppedBecause = `failed: ${error instanceof Error ? error.message : String(error)}`;
      points.push({ size, skipped: stoppedBecause, projectedMs: project(points, active, size)?.latencyMs });
      continue;
    }
    // A seeding cut by the budget still measures where it got to: that point is what the projections use.
    const reached = active;
    const cut = seeded < wanted ? `seeding reached ${reached} of ${size} in ${settings.maxMinutes} min` : undefined;
    const medianMs = median(latencies);
    points.push({ size: reached, medianMs, samples: latencies.length, seedSeconds, note: cut });
    process.stdout.write(`  hot event: ${reached} active locks → median lock ${medianMs.toFixed(1)} ms\n`);
    // The samples are active locks too; the next size counts them.
    active += latencies.length;
    if (cut !== undefined) {
      stoppedBecause = cut;
      points.push({ size, skipped: cut, projectedMs: project(points, active, size)?.latencyMs });
    }
  }
  return points;
}

/**
 * Lock latency as a straight line through the empty event and the largest measured size (on the embedded
 * engine it grows with the holds on the event), summed over the locks still to seed: one at a time, since
 * the engine serializes every command anyway.
 */
function project(points: HotPoint[], from: number, to: number): { seedMs: number; latencyMs: number } | undefined {
  const measured = points.filter((point) => point.medianMs !== undefined);
  const empty = measured.find((point) => point.size === 0);
  const largest = measured.at(-1);
  if (!empty || !largest || largest.size === 0) return undefined;
  const base = empty.medianMs!;
  const slope = Math.max(0, (largest.medianMs! - base) / largest.size);
  return { seedMs: (to - from) * base + (slope * (to * to - from * from)) / 2, latencyMs: base + slope * to };
}

/** Sequential locks with new keys, timed one by one, until `count` or the deadline (at least one). */
async function sample(
  api: ApiClient,
  eventId: string,
  size: number,
  count: number,
  deadline: number,
  into: number[],
): Promise<void> {
  for (let i = 0; i < count && (i === 0 || Date.now() < deadline); i += 1) {
    const start = process.hrtime.bigint();
    // One plain request: a retry would time two.
    const answer = await api.send('POST', '/api/locks', lockBody(eventId, `bench-hot-sample-${size}-${i}`));
    into.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (answer.status !== 201) throw new Error(`POST /api/locks answered ${answer.status} while sampling`);
  }
}

function minutes(ms: number): string {
  const value = ms / 60_000;
  return value >= 120 ? `${(value / 60).toFixed(1)} h` : `${value.toFixed(0)} min`;
}
