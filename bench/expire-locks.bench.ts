/**
 * Benchmark of the EXPIRE_LOCKS job on the real application context (not a test).
 *
 *   npm run bench:expire-locks -- [N ...] [--batch-size=500] [--non-expired=<count>] [--holds-per-event=1000]
 *                                 [--max-minutes=<m>]
 *
 * For each N (default 10000 100000) it boots AppModule on a clean database, seeds N ACTIVE locks already
 * past their hold time (plus, by default, N ACTIVE locks that are still holding), times one
 * `JobsService.run('EXPIRE_LOCKS', 'manual')`, checks what the run did, and prints a scaling table.
 *
 * Without MONGODB_URI every size runs on its own embedded FerretDB (SQLite) in a fresh temporary DATA_DIR.
 * --max-minutes skips a size whose projected job time exceeds m minutes, projecting from the previous size
 * as if the per-item cost grew with the collection size (what the embedded engine does; see README).
 *
 * With MONGODB_URI the sizes share that database and the benchmark EMPTIES the collections seat_locks,
 * events, audit_log, job_executions and job_leases before each size: point it at a throwaway database.
 */
import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { Types } from 'mongoose';

const INSERT_CHUNK = 5000;
const CLEANED_COLLECTIONS = ['seat_locks', 'events', 'audit_log', 'job_executions', 'job_leases'];

interface Options {
  sizes: number[];
  batchSize: number;
  /** Non-expired ACTIVE locks seeded beside the N expired ones; undefined means "as many as N". */
  nonExpired?: number;
  holdsPerEvent: number;
  maxMinutes?: number;
}

interface Row {
  n: number;
  nonExpired: number;
  events: number;
  seedSeconds: number;
  jobSeconds: number;
  /** Items the run reported as processed (N when it worked). */
  processed: number;
  failures: string[];
  /** Set when the size was not run: its projected job time in seconds. */
  skippedProjection?: number;
}

function usage(message: string): never {
  process.stderr.write(
    `${message}\nusage: npm run bench:expire-locks -- [N ...] [--batch-size=500] [--non-expired=<count>] [--holds-per-event=1000] [--max-minutes=<m>]\n`,
  );
  process.exit(2);
}

function positiveInt(raw: string | undefined, name: string, min = 1): number {
  const value = Number(raw);
  if (raw === undefined || !Number.isInteger(value) || value < min) usage(`${name} must be an integer >= ${min}, got ${raw}`);
  return value;
}

function parseArgs(argv: string[]): Options {
  const sizes: number[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2);
      const value = inline ?? argv[++i];
      if (!['batch-size', 'non-expired', 'holds-per-event', 'max-minutes'].includes(name)) usage(`unknown option --${name}`);
      flags[name] = value;
    } else {
      sizes.push(positiveInt(arg.replace(/_/g, ''), 'N'));
    }
  }
  return {
    sizes: sizes.length > 0 ? sizes : [10_000, 100_000],
    batchSize: flags['batch-size'] === undefined ? 500 : positiveInt(flags['batch-size'], '--batch-size'),
    nonExpired: flags['non-expired'] === undefined ? undefined : positiveInt(flags['non-expired'], '--non-expired', 0),
    holdsPerEvent: flags['holds-per-event'] === undefined ? 1000 : positiveInt(flags['holds-per-event'], '--holds-per-event'),
    maxMinutes: flags['max-minutes'] === undefined ? undefined : positiveInt(flags['max-minutes'], '--max-minutes'),
  };
}

/** MONGODB_URI without credentials, for printing. */
function redact(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//***@');
}

/** Locks go round-robin over the events; enough events that none holds more than holdsPerEvent seats. */
function eventCount(expired: number, nonExpired: number, holdsPerEvent: number): number {
  let events = Math.max(1, Math.ceil((expired + nonExpired) / holdsPerEvent));
  while (Math.ceil(expired / events) + Math.ceil(nonExpired / events) > holdsPerEvent) events += 1;
  return events;
}

interface Seeded {
  events: number;
  eventIds: Types.ObjectId[];
  /** Per event, the seats still held by non-expired locks once the job has run. */
  expectedHeld: number[];
  totalSeats: number;
}

async function seed(connection: Connection, n: number, nonExpired: number, holdsPerEvent: number): Promise<Seeded> {
  const now = Date.now();
  const events = eventCount(n, nonExpired, holdsPerEvent);
  const totalSeats = holdsPerEvent;
  const eventIds = Array.from({ length: events }, () => new Types.ObjectId());
  const expiredIds = Array.from({ length: n }, () => new Types.ObjectId());
  const liveIds = Array.from({ length: nonExpired }, () => new Types.ObjectId());

  const holds: Record<string, number>[] = eventIds.map(() => ({}));
  const expectedHeld = new Array<number>(events).fill(0);
  expiredIds.forEach((id, i) => (holds[i % events][id.toHexString()] = 1));
  liveIds.forEach((id, j) => {
    holds[j % events][id.toHexString()] = 1;
    expectedHeld[j % events] += 1;
  });

  const created = new Date(now);
  const eventDocs = eventIds.map((_id, e) => {
    const held = Object.keys(holds[e]).length;
    return {
      _id,
      name: `bench event ${e}`,
      totalSeats,
      availableSeats: totalSeats - held,
      price: 25,
      startsAt: new Date(now + 30 * 86_400_000),
      holds: holds[e],
      createdAt: created,
      updatedAt: created,
    };
  });
  // An event document carries up to holdsPerEvent keys, so chunk events by holds rather than by count.
  const eventChunk = Math.max(1, Math.floor(INSERT_CHUNK / holdsPerEvent));
  for (let i = 0; i < eventDocs.length; i += eventChunk) {
    await connection.collection('events').insertMany(eventDocs.slice(i, i + eventChunk), { ordered: false });
  }

  const lockDoc = (id: Types.ObjectId, index: number, expired: boolean) => {
    // Expired ones spread over the hour before the last one, all at least an hour in the past.
    const expiresAt = expired ? new Date(now - 3_600_000 - (n - index) * 10) : new Date(now + 86_400_000);
    const createdAt = new Date(expiresAt.getTime() - 600_000);
    return {
      _id: id,
      eventId: eventIds[index % events].toHexString(),
      userId: `bench-user-${index % 5000}`,
      seats: 1,
      status: 'ACTIVE',
      idempotencyKey: `bench-${expired ? 'expired' : 'live'}-${index}`,
      expiresAt,
      settled: true,
      createdAt,
      updatedAt: createdAt,
    };
  };
  for (const [ids, expired] of [
    [expiredIds, true],
    [liveIds, false],
  ] as const) {
    for (let i = 0; i < ids.length; i += INSERT_CHUNK) {
      const docs = ids.slice(i, i + INSERT_CHUNK).map((id, k) => lockDoc(id, i + k, expired));
      await connection.collection('seat_locks').insertMany(docs, { ordered: false });
    }
  }
  return { events, eventIds, expectedHeld, totalSeats };
}

async function verify(
  connection: Connection,
  execution: { status: string; results: { processed: number; errors: number; details: string[] }; failureReason?: string },
  n: number,
  nonExpired: number,
  seeded: Seeded,
): Promise<string[]> {
  const failures: string[] = [];
  if (execution.status !== 'COMPLETED') failures.push(`status ${execution.status} (${execution.failureReason ?? 'no reason'})`);
  if (execution.results.processed !== n) failures.push(`processed ${execution.results.processed}, expected ${n}`);
  if (execution.results.errors !== 0) {
    failures.push(`${execution.results.errors} errors: ${execution.results.details.slice(0, 3).join(' | ')}`);
  }

  const locks = connection.collection('seat_locks');
  const stillExpired = await locks.countDocuments({ status: 'ACTIVE', expiresAt: { $lte: new Date() } });
  if (stillExpired !== 0) failures.push(`${stillExpired} ACTIVE locks past expiresAt remain`);
  const expired = await locks.countDocuments({ status: 'EXPIRED' });
  if (expired !== n) failures.push(`${expired} EXPIRED locks, expected ${n}`);
  const active = await locks.countDocuments({ status: 'ACTIVE' });
  if (active !== nonExpired) failures.push(`${active} ACTIVE locks, expected ${nonExpired}`);
  const unsettled = await locks.countDocuments({ settled: false });
  if (unsettled !== 0) failures.push(`${unsettled} locks left unsettled`);
  const audited = await connection.collection('audit_log').countDocuments({ action: 'LOCK_EXPIRED' });
  if (audited !== n) failures.push(`${audited} LOCK_EXPIRED audit entries, expected ${n}`);

  const index = new Map(seeded.eventIds.map((id, e) => [id.toHexString(), e]));
  const docs = await connection
    .collection('events')
    .find({}, { projection: { totalSeats: 1, availableSeats: 1, holds: 1 } })
    .toArray();
  if (docs.length !== seeded.events) failures.push(`${docs.length} events, expected ${seeded.events}`);
  let wrong = 0;
  for (const doc of docs) {
    const e = index.get(String(doc._id));
    const held = e === undefined ? -1 : seeded.expectedHeld[e];
    const holds = (doc.holds ?? {}) as Record<string, number>;
    const heldNow = Object.values(holds).reduce((sum, seats) => sum + seats, 0);
    if (doc.availableSeats !== doc.totalSeats - held || heldNow !== held || doc.totalSeats !== seeded.totalSeats) {
      if (wrong < 3) {
        failures.push(
          `event ${String(doc._id)}: available ${doc.availableSeats}/${doc.totalSeats}, holds ${heldNow}, expected ${held} held`,
        );
      }
      wrong += 1;
    }
  }
  if (wrong > 3) failures.push(`... ${wrong} events wrong in all`);
  return failures;
}

async function engineLabel(connection: Connection): Promise<string> {
  const info = (await connection.db!.admin().command({ buildInfo: 1 })) as { version?: string; ferretdbVersion?: string };
  if (process.env.MONGODB_URI) {
    const flavour = info.ferretdbVersion ? `FerretDB ${info.ferretdbVersion}` : `MongoDB ${info.version ?? '?'}`;
    return `MONGODB_URI ${redact(process.env.MONGODB_URI)} (${flavour})`;
  }
  const version = info.ferretdbVersion ? ` ${info.ferretdbVersion}` : '';
  return `embedded FerretDB${version} (SQLite backend, behind the serializing relay, pool size 1)`;
}

async function runSize(
  n: number,
  options: Options,
  describeEngine: (label: string) => void,
): Promise<Row> {
  const nonExpired = options.nonExpired ?? n;
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-expire-locks-'));
  // Configuration is read from process.env when the context is created, so it is set first.
  Object.assign(process.env, {
    DATA_DIR: dataDir,
    JOBS_CRON_ENABLED: 'false',
    LOG_LEVEL: 'silent',
    JOB_BATCH_SIZE: String(options.batchSize),
  });
  const [{ NestFactory }, { getConnectionToken }, { AppModule }, { JobsService }] = await Promise.all([
    import('@nestjs/core'),
    import('@nestjs/mongoose'),
    import('../src/app.module'),
    import('../src/jobs/jobs.service'),
  ]);

  let app: INestApplicationContext | undefined;
  try {
    app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    const connection = app.get<Connection>(getConnectionToken());
    describeEngine(await engineLabel(connection));
    // deleteMany rather than drop: the indexes IndexBootstrap made at boot stay in place.
    for (const name of CLEANED_COLLECTIONS) await connection.collection(name).deleteMany({});

    const seedStart = process.hrtime.bigint();
    const seeded = await seed(connection, n, nonExpired, options.holdsPerEvent);
    const seedSeconds = Number(process.hrtime.bigint() - seedStart) / 1e9;
    process.stdout.write(
      `  N=${n}: seeded ${n} expired + ${nonExpired} live locks over ${seeded.events} events in ${seedSeconds.toFixed(1)} s; running EXPIRE_LOCKS…\n`,
    );

    const jobs = app.get(JobsService);
    const start = process.hrtime.bigint();
    let execution: Awaited<ReturnType<typeof jobs.run>>;
    try {
      execution = await jobs.run('EXPIRE_LOCKS', 'manual');
    } catch (error) {
      // A run that throws (rather than recording FAILED) is reported as a failed row; the other sizes go on.
      const jobSeconds = Number(process.hrtime.bigint() - start) / 1e9;
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      process.stdout.write(`  N=${n}: job threw after ${jobSeconds.toFixed(2)} s: ${reason}\n`);
      return { n, nonExpired, events: seeded.events, seedSeconds, jobSeconds, processed: 0, failures: [`JobsService.run threw: ${reason}`] };
    }
    const jobSeconds = Number(process.hrtime.bigint() - start) / 1e9;
    const outcome = execution.status === 'COMPLETED' ? 'COMPLETED' : `${execution.status}: ${execution.failureReason ?? '?'}`;
    process.stdout.write(
      `  N=${n}: job ${outcome} in ${jobSeconds.toFixed(2)} s, processed ${execution.results.processed}` +
        ` (${(execution.results.processed / jobSeconds).toFixed(0)} items/s); verifying…\n`,
    );

    let failures: string[];
    try {
      failures = await verify(connection, execution, n, nonExpired, seeded);
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      failures = [
        ...(execution.status === 'COMPLETED' ? [] : [`status ${execution.status} (${execution.failureReason ?? 'no reason'})`]),
        `verification could not run: ${reason}`,
      ];
    }
    return { n, nonExpired, events: seeded.events, seedSeconds, jobSeconds, processed: execution.results.processed, failures };
  } finally {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function pad(value: string, width: number): string {
  return value.padStart(width);
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (options.batchSize > 10_000) usage('--batch-size must be at most 10000 (JOB_BATCH_SIZE limit)');

  let engine = '';
  const rows: Row[] = [];
  process.stdout.write(`EXPIRE_LOCKS benchmark — sizes ${options.sizes.join(', ')}\n`);
  for (const n of options.sizes) {
    const previous = rows.filter((row) => row.skippedProjection === undefined && row.failures.length === 0).at(-1);
    if (previous && options.maxMinutes !== undefined) {
      const nonExpired = options.nonExpired ?? n;
      const projected =
        previous.jobSeconds * (n / previous.n) * ((n + nonExpired) / (previous.n + previous.nonExpired));
      if (projected > options.maxMinutes * 60) {
        process.stdout.write(
          `  N=${n}: skipped, projected ${(projected / 60).toFixed(0)} min > --max-minutes=${options.maxMinutes}\n`,
        );
        rows.push({ n, nonExpired, events: 0, seedSeconds: 0, jobSeconds: 0, processed: 0, failures: [], skippedProjection: projected });
        continue;
      }
    }
    rows.push(await runSize(n, options, (label) => (engine = label)));
  }
  const measured = rows.filter((row) => row.skippedProjection === undefined);
  if (measured.length === 0) return;

  const cpuModel = cpus()[0]?.model.trim() ?? 'unknown';
  process.stdout.write(
    [
      '',
      `engine:      ${engine}`,
      `batch size:  ${options.batchSize} (JOB_BATCH_SIZE)`,
      `node:        ${process.version}`,
      `CPUs:        ${availableParallelism()} (${cpuModel})`,
      `date:        ${new Date().toISOString()}`,
      `per size:    N expired ACTIVE locks + ${options.nonExpired ?? 'N'} non-expired ACTIVE locks, ≤ ${options.holdsPerEvent} holds per event`,
      '',
    ].join('\n'),
  );
  const header = ['N', 'non-expired', 'events', 'seed s', 'job s', 'items/s', 'ms/item', 'item ratio', 'time ratio', 'N ratio', 'check'];
  const widths = [9, 11, 7, 8, 9, 9, 8, 10, 10, 8, 6];
  const perItem = (row: Row): number => row.jobSeconds / row.processed;
  process.stdout.write(`${header.map((h, i) => pad(h, widths[i])).join('  ')}\n`);
  const first = measured.find((row) => row.failures.length === 0) ?? measured[0];
  for (const row of rows) {
    if (row.skippedProjection !== undefined) {
      const projection = `skipped: projected ${(row.skippedProjection / 60).toFixed(0)} min (${(row.skippedProjection / 3600).toFixed(1)} h)`;
      process.stdout.write(`${pad(String(row.n), widths[0])}  ${pad(String(row.nonExpired), widths[1])}  ${projection}\n`);
      continue;
    }
    const cells = [
      String(row.n),
      String(row.nonExpired),
      String(row.events),
      row.seedSeconds.toFixed(1),
      row.jobSeconds.toFixed(2),
      (row.processed / row.jobSeconds).toFixed(0),
      row.processed > 0 ? ((row.jobSeconds * 1000) / row.processed).toFixed(3) : '-',
      row.processed > 0 && first.processed > 0 ? (perItem(row) / perItem(first)).toFixed(2) : '-',
      (row.jobSeconds / first.jobSeconds).toFixed(2),
      (row.n / first.n).toFixed(2),
      row.failures.length === 0 ? 'ok' : 'FAIL',
    ];
    process.stdout.write(`${cells.map((c, i) => pad(c, widths[i])).join('  ')}\n`);
  }
  // The scaling verdict: a job that is O(N) costs the same per item at every size, so this ratio stays near 1.
  const comparable = measured.filter((row) => row.failures.length === 0);
  const last = comparable.at(-1);
  if (last && last !== first && first.failures.length === 0) {
    process.stdout.write(
      `\nper-item cost, N=${last.n} vs N=${first.n}: ${(perItem(last) * 1000).toFixed(3)} vs ${(perItem(first) * 1000).toFixed(3)} ms,` +
        ` ratio ${(perItem(last) / perItem(first)).toFixed(2)} (1.00 = linear in N)\n`,
    );
  }
  const failed = rows.filter((row) => row.failures.length > 0);
  for (const row of failed) {
    process.stdout.write(`\nN=${row.n} verification failed:\n${row.failures.map((f) => `  - ${f}`).join('\n')}\n`);
  }
  if (failed.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
