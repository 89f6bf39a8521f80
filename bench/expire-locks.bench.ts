/**
 * Benchmark of the EXPIRE_LOCKS job on the real application context (not a test).
 *
 *   npm run bench:expire-locks -- [N ...] [--batch-size=500] [--non-expired=<count>] [--locks-per-event=1000]
 *                                 [--max-minutes=<m>]
 *
 * For each N (default 10000 100000) it boots AppModule on a clean database, seeds N ACTIVE locks already
 * past their hold time (plus, by default, N ACTIVE locks that are still holding) on events that keep only
 * `availableSeats` and an empty `pending` map (events/domain/seat-move.ts), times one
 * `JobsService.run('EXPIRE_LOCKS', 'manual')`, checks what the run did, and prints a scaling table.
 *
 * Without MONGODB_URI every size runs on its own embedded FerretDB (SQLite) in a fresh temporary DATA_DIR.
 * --max-minutes skips a size whose projected job time exceeds m minutes, projecting linearly in N from the
 * previous size.
 *
 * With MONGODB_URI the sizes share that database and the benchmark EMPTIES the collections seat_locks,
 * events, audit_log, job_executions and job_leases before each size: point it at a throwaway database.
 */
import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { Types } from 'mongoose';

const INSERT_CHUNK = 5000;
const CLEANED_COLLECTIONS = ['seat_locks', 'events', 'audit_log', 'job_executions', 'job_leases'];
/** Seeded locks take 1, 2 or 3 seats in turn, so a RETURN that gives back the wrong count shows in availableSeats. */
const SEATS_CYCLE = 3;
const SEED_CORRELATION = 'bench-seed';
const SEAT_PRICE = 2500;

interface Options {
  sizes: number[];
  batchSize: number;
  /** Non-expired ACTIVE locks seeded beside the N expired ones; undefined means "as many as N". */
  nonExpired?: number;
  locksPerEvent: number;
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

const USAGE =
  'usage: npm run bench:expire-locks -- [N ...] [--batch-size=500] [--non-expired=<count>] [--locks-per-event=1000] [--max-minutes=<m>]';

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function positiveInt(raw: string | undefined, name: string, min = 1): number {
  const value = Number(raw);
  if (raw === undefined || !Number.isInteger(value) || value < min)
    usage(`${name} must be an integer >= ${min}, got ${raw}`);
  return value;
}

function parseArgs(argv: string[]): Options {
  const sizes: number[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2);
      if (name === 'holds-per-event')
        usage('--holds-per-event is now --locks-per-event: events keep no hold per lock any more');
      if (!['batch-size', 'non-expired', 'locks-per-event', 'max-minutes'].includes(name))
        usage(`unknown option --${name}`);
      flags[name] = inline ?? argv[++i];
    } else {
      sizes.push(positiveInt(arg.replace(/_/g, ''), 'N'));
    }
  }
  return {
    sizes: sizes.length > 0 ? sizes : [10_000, 100_000],
    batchSize: flags['batch-size'] === undefined ? 500 : positiveInt(flags['batch-size'], '--batch-size'),
    nonExpired: flags['non-expired'] === undefined ? undefined : positiveInt(flags['non-expired'], '--non-expired', 0),
    locksPerEvent:
      flags['locks-per-event'] === undefined ? 1000 : positiveInt(flags['locks-per-event'], '--locks-per-event'),
    maxMinutes: flags['max-minutes'] === undefined ? undefined : positiveInt(flags['max-minutes'], '--max-minutes'),
  };
}

/** MONGODB_URI without credentials, for printing. */
function redact(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//***@');
}

/** Locks go round-robin over the events; enough events that none has more than locksPerEvent locks. */
function eventCount(expired: number, nonExpired: number, locksPerEvent: number): number {
  let events = Math.max(1, Math.ceil((expired + nonExpired) / locksPerEvent));
  while (Math.ceil(expired / events) + Math.ceil(nonExpired / events) > locksPerEvent) events += 1;
  return events;
}

interface SeededLock {
  event: number;
  seats: number;
  expired: boolean;
}

interface Seeded {
  events: number;
  eventIds: Types.ObjectId[];
  totalSeats: number[];
  /** Per event, the seats its non-expired locks still hold once the job has run. */
  expectedHeld: number[];
  /** Every seeded lock by id (hex). */
  locks: Map<string, SeededLock>;
}

async function seed(connection: Connection, n: number, nonExpired: number, locksPerEvent: number): Promise<Seeded> {
  const now = Date.now();
  const events = eventCount(n, nonExpired, locksPerEvent);
  const eventIds = Array.from({ length: events }, () => new Types.ObjectId());
  const startsAt = new Date(now + 30 * 86_400_000);
  const seatsOf = (index: number) => 1 + (index % SEATS_CYCLE);

  // Every seeded lock is ACTIVE, so all of them hold seats now: availableSeats = totalSeats - their seats.
  // Each event also keeps locksPerEvent free seats, so it is never sold out.
  const heldNow = new Array<number>(events).fill(0);
  const expectedHeld = new Array<number>(events).fill(0);
  const locks = new Map<string, SeededLock>();
  const lockDocs: { expired: boolean; docs: Record<string, unknown>[] }[] = [];
  for (const [count, expired] of [
    [n, true],
    [nonExpired, false],
  ] as const) {
    const docs: Record<string, unknown>[] = [];
    for (let index = 0; index < count; index += 1) {
      const _id = new Types.ObjectId();
      const event = index % events;
      const seats = seatsOf(index);
      heldNow[event] += seats;
      if (!expired) expectedHeld[event] += seats;
      locks.set(_id.toHexString(), { event, seats, expired });
      // Expired ones spread over the hour before the last one, all at least an hour in the past.
      const expiresAt = expired ? new Date(now - 3_600_000 - (count - index) * 10) : new Date(now + 86_400_000);
      const createdAt = new Date(expiresAt.getTime() - 600_000);
      docs.push({
        _id,
        eventId: eventIds[event].toHexString(),
        userId: `bench-user-${index % 5000}`,
        seats,
        price: SEAT_PRICE,
        startsAt,
        status: 'ACTIVE',
        idempotencyKey: `bench-${expired ? 'expired' : 'live'}-${index}`,
        expiresAt,
        createdAt,
        correlationId: SEED_CORRELATION,
        settled: true,
        updatedAt: createdAt,
      });
    }
    lockDocs.push({ expired, docs });
  }

  const created = new Date(now);
  const totalSeats = heldNow.map((held) => held + locksPerEvent);
  const eventDocs = eventIds.map((_id, e) => ({
    _id,
    name: `bench event ${e}`,
    totalSeats: totalSeats[e],
    availableSeats: totalSeats[e] - heldNow[e],
    price: SEAT_PRICE,
    startsAt,
    pending: {},
    createdAt: created,
    updatedAt: created,
  }));
  for (let i = 0; i < eventDocs.length; i += INSERT_CHUNK) {
    await connection.collection('events').insertMany(eventDocs.slice(i, i + INSERT_CHUNK), { ordered: false });
  }
  for (const { docs } of lockDocs) {
    for (let i = 0; i < docs.length; i += INSERT_CHUNK) {
      await connection.collection('seat_locks').insertMany(docs.slice(i, i + INSERT_CHUNK), { ordered: false });
    }
  }
  return { events, eventIds, totalSeats, expectedHeld, locks };
}

/** Collects failures of one kind: the first few verbatim, then a count. */
class Findings {
  private readonly counts = new Map<string, number>();

  constructor(private readonly failures: string[]) {}

  add(kind: string, detail: string): void {
    const seen = this.counts.get(kind) ?? 0;
    this.counts.set(kind, seen + 1);
    if (seen < 3) this.failures.push(`${kind}: ${detail}`);
  }

  close(): void {
    for (const [kind, count] of this.counts) if (count > 3) this.failures.push(`${kind}: ${count} in all`);
  }
}

async function verify(
  connection: Connection,
  execution: {
    status: string;
    results: { processed: number; errors: number; details: string[] };
    failureReason?: string;
  },
  n: number,
  seeded: Seeded,
): Promise<string[]> {
  const failures: string[] = [];
  if (execution.status !== 'COMPLETED')
    failures.push(`status ${execution.status} (${execution.failureReason ?? 'no reason'})`);
  if (execution.results.processed !== n) failures.push(`processed ${execution.results.processed}, expected ${n}`);
  if (execution.results.errors !== 0) {
    failures.push(`${execution.results.errors} errors: ${execution.results.details.slice(0, 3).join(' | ')}`);
  }
  const found = new Findings(failures);

  // Locks: one pass over the collection (each countDocuments would be a scan of its own on the embedded engine).
  const seen = new Set<string>();
  const returnMoves = new Set<string>();
  const cursor = connection.collection('seat_locks').find(
    {},
    {
      projection: { status: 1, previousStatus: 1, returnedBy: 1, settled: 1, correlationId: 1, seats: 1, eventId: 1 },
    },
  );
  for await (const doc of cursor) {
    const id = String(doc._id);
    const lock = seeded.locks.get(id);
    if (!lock) {
      found.add('lock not seeded', `${id} (${String(doc.status)})`);
      continue;
    }
    seen.add(id);
    const state = `${id}: status ${String(doc.status)}, settled ${String(doc.settled)}, returnedBy ${String(doc.returnedBy)}`;
    if (doc.seats !== lock.seats || doc.eventId !== seeded.eventIds[lock.event].toHexString()) {
      found.add('lock seats or event changed', state);
    }
    if (lock.expired) {
      const ok =
        doc.status === 'EXPIRED' &&
        doc.previousStatus === 'ACTIVE' &&
        typeof doc.returnedBy === 'string' &&
        doc.returnedBy.length > 0 &&
        doc.settled === true &&
        typeof doc.correlationId === 'string' &&
        doc.correlationId.startsWith('job:');
      if (!ok)
        found.add(
          'expired lock not EXPIRED+returnedBy+settled by the job',
          `${state}, correlationId ${String(doc.correlationId)}`,
        );
      if (typeof doc.returnedBy === 'string') {
        if (returnMoves.has(doc.returnedBy)) found.add('RETURN move recorded by two locks', `${doc.returnedBy}`);
        returnMoves.add(doc.returnedBy);
      }
    } else if (
      doc.status !== 'ACTIVE' ||
      doc.settled !== true ||
      doc.returnedBy !== undefined ||
      doc.correlationId !== SEED_CORRELATION
    ) {
      found.add('non-expired lock touched', state);
    }
  }
  if (seen.size !== seeded.locks.size)
    found.add('seeded locks missing', `${seeded.locks.size - seen.size} of ${seeded.locks.size}`);

  // Audit: exactly one LOCK_EXPIRED entry per expired lock, under its transition id.
  const audited = new Set<string>();
  const entries = connection
    .collection('audit_log')
    .find({ action: 'LOCK_EXPIRED' }, { projection: { lockId: 1, fromState: 1, toState: 1 } });
  let auditCount = 0;
  for await (const entry of entries) {
    auditCount += 1;
    const lockId = String(entry.lockId);
    const lock = seeded.locks.get(lockId);
    if (
      !lock?.expired ||
      String(entry._id) !== `${lockId}:EXPIRED` ||
      entry.fromState !== 'ACTIVE' ||
      entry.toState !== 'EXPIRED'
    ) {
      found.add(
        'unexpected LOCK_EXPIRED entry',
        `${String(entry._id)} lock ${lockId} ${String(entry.fromState)}→${String(entry.toState)}`,
      );
    } else if (audited.has(lockId)) {
      found.add('lock audited twice', lockId);
    } else audited.add(lockId);
  }
  if (auditCount !== n) failures.push(`${auditCount} LOCK_EXPIRED audit entries, expected ${n}`);
  if (audited.size !== n) failures.push(`${audited.size} expired locks have their LOCK_EXPIRED entry, expected ${n}`);

  // Events: seats of the expired locks back, nothing in flight, no per-lock keys.
  const index = new Map(seeded.eventIds.map((id, e) => [id.toHexString(), e]));
  const docs = await connection
    .collection('events')
    .find({}, { projection: { totalSeats: 1, availableSeats: 1, pending: 1, holds: 1 } })
    .toArray();
  if (docs.length !== seeded.events) failures.push(`${docs.length} events, expected ${seeded.events}`);
  for (const doc of docs) {
    const e = index.get(String(doc._id));
    if (e === undefined) {
      found.add('event not seeded', String(doc._id));
      continue;
    }
    const expected = seeded.totalSeats[e] - seeded.expectedHeld[e];
    const pending = doc.pending as Record<string, unknown> | undefined;
    const inFlight = pending && typeof pending === 'object' ? Object.keys(pending).length : -1;
    if (doc.totalSeats !== seeded.totalSeats[e] || doc.availableSeats !== expected) {
      found.add(
        'event seats wrong',
        `${String(doc._id)}: available ${doc.availableSeats}/${doc.totalSeats}, expected ${expected}/${seeded.totalSeats[e]}`,
      );
    }
    if (inFlight !== 0)
      found.add(
        'event pending not empty',
        `${String(doc._id)}: ${inFlight < 0 ? 'no pending map' : `${inFlight} moves`}`,
      );
    if (doc.holds !== undefined) found.add('event has holds', String(doc._id));
  }
  found.close();
  return failures;
}

async function engineLabel(connection: Connection): Promise<string> {
  const info = (await connection.db!.admin().command({ buildInfo: 1 })) as {
    version?: string;
    ferretdbVersion?: string;
  };
  if (process.env.MONGODB_URI) {
    const flavour = info.ferretdbVersion ? `FerretDB ${info.ferretdbVersion}` : `MongoDB ${info.version ?? '?'}`;
    return `MONGODB_URI ${redact(process.env.MONGODB_URI)} (${flavour})`;
  }
  const version = info.ferretdbVersion ? ` ${info.ferretdbVersion}` : '';
  return `embedded FerretDB${version} (SQLite backend, behind the serializing relay, pool size 1)`;
}

async function runSize(n: number, options: Options, describeEngine: (label: string) => void): Promise<Row> {
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
    const seeded = await seed(connection, n, nonExpired, options.locksPerEvent);
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
      return {
        n,
        nonExpired,
        events: seeded.events,
        seedSeconds,
        jobSeconds,
        processed: 0,
        failures: [`JobsService.run threw: ${reason}`],
      };
    }
    const jobSeconds = Number(process.hrtime.bigint() - start) / 1e9;
    const outcome =
      execution.status === 'COMPLETED' ? 'COMPLETED' : `${execution.status}: ${execution.failureReason ?? '?'}`;
    process.stdout.write(
      `  N=${n}: job ${outcome} in ${jobSeconds.toFixed(2)} s, processed ${execution.results.processed}` +
        ` (${(execution.results.processed / jobSeconds).toFixed(0)} items/s); verifying…\n`,
    );

    let failures: string[];
    try {
      failures = await verify(connection, execution, n, seeded);
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      failures = [
        ...(execution.status === 'COMPLETED'
          ? []
          : [`status ${execution.status} (${execution.failureReason ?? 'no reason'})`]),
        `verification could not run: ${reason}`,
      ];
    }
    return {
      n,
      nonExpired,
      events: seeded.events,
      seedSeconds,
      jobSeconds,
      processed: execution.results.processed,
      failures,
    };
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
      // The job is meant to be linear in N now (one cursor, _id-indexed guarded writes): project linearly.
      const projected = previous.jobSeconds * (n / previous.n);
      if (projected > options.maxMinutes * 60) {
        process.stdout.write(
          `  N=${n}: skipped, projected ${(projected / 60).toFixed(0)} min > --max-minutes=${options.maxMinutes}\n`,
        );
        rows.push({
          n,
          nonExpired,
          events: 0,
          seedSeconds: 0,
          jobSeconds: 0,
          processed: 0,
          failures: [],
          skippedProjection: projected,
        });
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
      `per size:    N expired ACTIVE locks + ${options.nonExpired ?? 'N'} non-expired ACTIVE locks (1-${SEATS_CYCLE} seats each), ≤ ${options.locksPerEvent} locks per event`,
      `load avg:    ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (1/5/15 min, at the end)`,
      '',
    ].join('\n'),
  );
  const header = [
    'N',
    'non-expired',
    'events',
    'seed s',
    'job s',
    'items/s',
    'ms/item',
    'item ratio',
    'time ratio',
    'N ratio',
    'check',
  ];
  const widths = [9, 11, 7, 8, 9, 9, 8, 10, 10, 8, 6];
  const perItem = (row: Row): number => row.jobSeconds / row.processed;
  process.stdout.write(`${header.map((h, i) => pad(h, widths[i])).join('  ')}\n`);
  const first = measured.find((row) => row.failures.length === 0) ?? measured[0];
  for (const row of rows) {
    if (row.skippedProjection !== undefined) {
      const projection = `skipped: projected ${(row.skippedProjection / 60).toFixed(0)} min (${(row.skippedProjection / 3600).toFixed(1)} h)`;
      process.stdout.write(
        `${pad(String(row.n), widths[0])}  ${pad(String(row.nonExpired), widths[1])}  ${projection}\n`,
      );
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
  process.stderr.write(
    `benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
