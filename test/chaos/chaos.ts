import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ChaosClient } from './chaos-client';
import { parseChaosOptions } from './chaos-options';
import { checkDatabase, readSnapshot } from './database-invariants';
import { checkEffects } from './effect-invariants';
import { EngineSupervisor } from './engine-supervisor';
import { FaultInjector } from './fault-injector';
import { History } from './history';
import { checkHistory } from './history-invariants';
import { checkIdentity } from './identity-invariants';
import { ServiceInstance } from './instance-supervisor';
import { InvariantCheck, type InvariantResult } from './invariant';
import { Prng } from './prng';
import { SeatSampler } from './seat-sampler';
import { progressLine, summary } from './report';
import { OPERATOR_TIMEOUT_MS, settle } from './settle';
import { EventPool, OwnedResources, subjectOf, VirtualClient } from './workload';
import { LocalIssuer } from '../support/local-issuer';

/**
 * Short timings so that within a minute locks and bookings expire, jobs reconcile half-finished flows,
 * and a paused instance's claims and job leases run out and are taken over by its twins.
 */
const TIMINGS = {
  LOCK_TTL_SECONDS: 8,
  BOOKING_TTL_SECONDS: 10,
  RECONCILE_AFTER_SECONDS: 3,
  IDEMPOTENCY_LEASE_SECONDS: 5,
  JOB_LEASE_SECONDS: 5,
};
/**
 * The clock skew the instances are told they may have (the skew fault stays inside it, fault-injector.ts):
 * small, so the short leases above can stay above three times it, as the service requires.
 */
export const CLOCK_SKEW_TOLERANCE_MS = 1500;
/** A paused instance outlives its claims' leases and the tolerance, so its twins take them over. */
const PAUSE_MS = TIMINGS.IDEMPOTENCY_LEASE_SECONDS * 1000 + CLOCK_SKEW_TOLERANCE_MS + 3000;
const REST_MS = Math.max(...Object.values(TIMINGS)) * 1000 + 2000;

async function main(): Promise<number> {
  const options = parseChaosOptions(process.argv.slice(2));
  if (!existsSync(resolve(__dirname, '../../dist/main.js')))
    throw new Error('dist/main.js is missing: run `npm run build` first');
  const runDir = mkdtempSync(join(tmpdir(), 'booking-chaos-'));
  const logDir = join(runDir, 'logs');
  mkdirSync(logDir);
  const rng = new Prng(options.seed);
  const runId = `s${options.seed}-${randomBytes(3).toString('hex')}`;
  const adminToken = randomBytes(24).toString('hex');
  process.stdout.write(
    `chaos run ${runId}: ${options.secured ? 'secured' : 'open'}, ${options.instances} instances, ${options.clients} clients, ${options.durationSeconds}s, seed ${options.seed}; logs in ${logDir}\n`,
  );
  // Secured: a local OpenID Connect issuer in this process, whose JWKS every instance fetches (and caches).
  const issuer = options.secured ? await LocalIssuer.start() : undefined;

  const engine = new EngineSupervisor(join(runDir, 'data'), logDir, options.enginePort);
  const env: Record<string, string> = {
    // A deployment, but not production: the clock-skew fault sets CLOCK_OFFSET_MS, which production refuses.
    NODE_ENV: 'staging',
    MONGODB_URI: engine.uri,
    ADMIN_TOKEN: adminToken,
    LOG_LEVEL: 'warn',
    JOBS_CRON_ENABLED: 'true',
    JOBS_CRON: '*/2 * * * * *',
    DB_TIMEOUT_MS: '1500',
    CLOCK_SKEW_TOLERANCE_MS: String(CLOCK_SKEW_TOLERANCE_MS),
    ...issuer?.env,
    ...Object.fromEntries(Object.entries(TIMINGS).map(([k, v]) => [k, String(v)])),
  };
  const instances = Array.from(
    { length: options.instances },
    (_, i) => new ServiceInstance(i, options.basePort + i, env, logDir),
  );
  // If the harness itself dies, it takes its instances with it; the engine process is asked to stop
  // (SIGTERM) so that it stops FerretDB too.
  const killAll = () => {
    for (const instance of instances) if (instance.pid) process.kill(instance.pid, 'SIGKILL');
    if (engine.pid) process.kill(engine.pid, 'SIGTERM');
  };
  process.once('SIGINT', () => process.exit(130));
  process.once('exit', killAll);

  const history = new History();
  const ports = instances.map((i) => i.port);
  // The harness makes operator calls only (jobs, the consistency scan), with ADMIN_TOKEN.
  const harness = new ChaosClient(-1, ports, history, rng.fork(999_999), adminToken, undefined);
  // Each client's own subject; organizer, so that it may create the events it books from.
  const tokenLifetime = options.durationSeconds + 3600;
  const tokenOf = (c: number) =>
    issuer?.token({ sub: subjectOf(c), roles: ['organizer'] }, { expiresIn: tokenLifetime }) ?? undefined;
  try {
    await engine.start();
    for (const instance of instances) await instance.start();

    const initialEvents = Math.ceil(options.clients / 3) + 1;
    const pool = new EventPool(initialEvents);
    const owned = new OwnedResources();
    const clients = await Promise.all(
      Array.from({ length: options.clients }, async (_, c) => {
        const client = new ChaosClient(c, ports, history, rng.fork(c), adminToken, await tokenOf(c));
        return new VirtualClient(client, pool, runId, owned, options.secured);
      }),
    );
    for (let e = 0; e < initialEvents; e++) await clients[e % clients.length].createEvent();

    const faults = new FaultInjector(
      instances,
      engine,
      rng.fork(777_777),
      options.faultIntervalSeconds * 1000,
      PAUSE_MS,
    );
    const started = Date.now();
    const deadline = started + options.durationSeconds * 1000;
    const sampler = new SeatSampler();
    await sampler.start(engine.uri);
    const progress = setInterval(() => {
      const violations = checkHistory(history).reduce((n, r) => n + r.violations.length, sampler.violations);
      process.stdout.write(
        `${progressLine(Math.round((Date.now() - started) / 1000), options.durationSeconds, history, faults.counts, violations)}\n`,
      );
    }, 5000);
    faults.start();
    await Promise.all(clients.map((c) => c.run(deadline)));
    await faults.stop();
    const sampled = await sampler.stop();
    clearInterval(progress);
    process.stdout.write(
      `workload done after ${Math.round((Date.now() - started) / 1000)}s; settling (faults off, owed writes re-sent, jobs run until quiet)\n`,
    );

    const settleReport = await settle(
      instances,
      harness,
      clients.flatMap((c) => c.sender.owed),
      REST_MS,
    );
    settleReport.abandoned = clients.reduce((n, c) => n + c.sender.abandoned.length, 0);
    const snapshot = await readSnapshot(engine.uri);
    const invariants: InvariantResult[] = [
      ...checkHistory(history),
      sampled,
      ...checkDatabase(snapshot, history, new Date(), TIMINGS.JOB_LEASE_SECONDS * 2000),
      ...checkEffects(snapshot, history),
      ...checkIdentity(snapshot, history, options.secured),
      await consistencyEndpoint(harness),
    ];
    writeFileSync(join(runDir, 'history.jsonl'), history.entries.map((e) => JSON.stringify(e)).join('\n'));
    writeFileSync(join(runDir, 'faults.log'), faults.log.join('\n'));
    process.stdout.write(`\n${summary(history, faults.counts, settleReport, invariants)}\n`);
    const violations = invariants.reduce((n, r) => n + r.violations.length, 0);
    const missingFault = options.requireEachFault && Object.values(faults.counts).some((n) => n === 0);
    if (missingFault) process.stdout.write(`\nnot every fault kind was injected: ${JSON.stringify(faults.counts)}\n`);
    const failed = violations > 0 || settleReport.stillOwed > 0 || !settleReport.quiet || missingFault;
    const keep = failed || options.keepData;
    if (keep) process.stdout.write(`\nhistory, fault log and instance logs kept in ${runDir}\n`);
    process.stdout.write(
      `\n${failed ? `FAILED: ${violations} invariant violations` : 'PASSED: every invariant holds'} (seed ${options.seed})\n`,
    );
    await shutdown(instances, engine);
    await issuer?.close();
    if (!keep) rmSync(runDir, { recursive: true, force: true });
    return failed ? 1 : 0;
  } catch (error) {
    await shutdown(instances, engine);
    await issuer?.close();
    throw error;
  }
}

async function consistencyEndpoint(harness: ChaosClient): Promise<InvariantResult> {
  const check = new InvariantCheck('GET /api/admin/consistency reports no violations');
  const answer = await harness.send(
    { method: 'GET', path: '/api/admin/consistency', admin: true },
    { instance: 0, timeoutMs: OPERATOR_TIMEOUT_MS },
  );
  const report = answer.body as
    | { violations?: Array<{ kind: string; entityId: string; detail: string }>; owed?: Array<{ kind?: string }> }
    | undefined;
  const violations = report?.violations;
  // Owed work (pending, not broken) is listed beside the violations; after the settle phase it is printed, not failed.
  if (report?.owed) process.stdout.write(`consistency report: owed ${JSON.stringify(countKinds(report.owed))}\n`);
  if (answer.status !== 200 || !violations) {
    check.expect(false, () => `answered ${answer.status ?? answer.outcome}`);
    return check;
  }
  check.checked = 1;
  check.violations.push(...violations.map((v) => `${v.kind} ${v.entityId}: ${v.detail}`));
  return check;
}

function countKinds(items: Array<{ kind?: string }>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[item.kind ?? '?'] = (counts[item.kind ?? '?'] ?? 0) + 1;
  return counts;
}

async function shutdown(instances: ServiceInstance[], engine: EngineSupervisor): Promise<void> {
  for (const instance of instances) await instance.kill();
  await engine.shutdown();
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`chaos: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
