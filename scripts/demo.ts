/**
 * A narrated walk through the seed's testing scenarios against a running service, printing each
 * request and answer. Starts the service on the embedded engine (with a throwaway DATA_DIR) when none
 * answers at the base URL, and stops it at the end.
 *   npm run demo -- [baseUrl]            (default http://127.0.0.1:$PORT, PORT defaulting to 3000)
 * ADMIN_TOKEN, when set, is sent to the operator endpoints; DEMO_TOKEN, when set, to every other one (a secured
 * service: `npm run dev-issuer` prints a token for the demo's subject with the roles it needs).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const base = new URL(process.argv[2] ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`);
const adminToken = process.env.ADMIN_TOKEN;
const demoToken = process.env.DEMO_TOKEN;
const tty = process.stdout.isTTY;
const paint = (code: number) => (text: string) => (tty ? `\u001b[${code}m${text}\u001b[0m` : text);
const bold = paint(1);
const dim = paint(2);
const green = paint(32);
const yellow = paint(33);
const red = paint(31);
const cyan = paint(36);

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & { [key: string]: unknown };
}

let step = 0;
function say(title: string, why: string): void {
  process.stdout.write(`\n${bold(`${++step}. ${title}`)}\n${dim(why)}\n`);
}

function show(method: string, path: string, body: unknown, answer: Answer, headers: Record<string, string>): void {
  const sent = Object.entries(headers)
    .filter(([name]) => name !== 'Content-Type' && name !== 'Authorization')
    .map(([name, value]) => ` ${name}: ${value}`)
    .join('');
  process.stdout.write(
    `  ${cyan('→')} ${method} ${path}${dim(sent)}${body === undefined ? '' : ` ${JSON.stringify(body)}`}\n`,
  );
  const colour = answer.status < 300 ? green : answer.status < 500 ? yellow : red;
  const noted = ['idempotent-replayed', 'retry-after']
    .filter((name) => answer.headers.has(name))
    .map((name) => yellow(`  ${name}: ${answer.headers.get(name)}`))
    .join('');
  const text = JSON.stringify(answer.body, null, 2).replace(/\n/g, '\n    ');
  process.stdout.write(`  ${colour(`← ${answer.status}`)}${noted}\n    ${text}\n`);
}

async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  quiet = false,
): Promise<Answer> {
  const all: Record<string, string> = {
    ...headers,
    ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
  };
  if (adminToken && /^\/api\/(jobs|audit|admin)/.test(path)) all.Authorization = `Bearer ${adminToken}`;
  else if (demoToken) all.Authorization = `Bearer ${demoToken}`;
  const res = await fetch(new URL(path, base), {
    method,
    headers: all,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const answer: Answer = {
    status: res.status,
    headers: res.headers,
    body: text ? (JSON.parse(text) as Answer['body']) : {},
  };
  if (!quiet) show(method, path, body, answer, headers);
  return answer;
}

function expect(condition: boolean, claim: string): void {
  process.stdout.write(`  ${condition ? green('✔') : red('✘')} ${claim}\n`);
  if (!condition) process.exitCode = 1;
}

async function healthy(): Promise<boolean> {
  try {
    return (await fetch(new URL('/health', base))).ok;
  } catch {
    return false;
  }
}

/** Builds and starts the service when nothing answers at the base URL; answers how to stop it. */
async function ensureService(): Promise<() => Promise<void>> {
  if (await healthy()) {
    process.stdout.write(dim(`Using the service already running at ${base.origin}\n`));
    return async () => undefined;
  }
  process.stdout.write(dim(`No service at ${base.origin}: building and starting one on the embedded engine…\n`));
  const root = join(__dirname, '..');
  const build = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('the build failed');
  const dataDir = mkdtempSync(join(tmpdir(), 'booking-demo-'));
  const server: ChildProcess = spawn(process.execPath, ['dist/main.js'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PORT: base.port || '80', DATA_DIR: dataDir, LOG_LEVEL: 'warn', JOBS_CRON_ENABLED: 'false' },
  });
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  // The folder goes once the service (and the engine it stops on SIGTERM) has exited, not while it still writes.
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  for (let waited = 0; !(await healthy()); waited += 250) {
    if (server.exitCode !== null || waited > 120_000) {
      await stop();
      throw new Error('the service did not start');
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  process.stdout.write(dim(`Started at ${base.origin} (data in ${dataDir}, removed at the end)\n`));
  return stop;
}

async function main(): Promise<void> {
  const stop = await ensureService();
  try {
    await walkThrough();
  } finally {
    await stop();
  }
}

async function walkThrough(): Promise<void> {
  const run = randomUUID().slice(0, 8);

  say('Create an event', 'Ten seats at 25.00 (prices are in cents).');
  const event = await call('POST', '/api/events', {
    name: `Demo concert ${run}`,
    totalSeats: 10,
    price: 2500,
    startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
  });

  say(
    'Lock two seats, twice with the same key',
    'A client that lost the first answer sends the request again: it must not hold four seats.',
  );
  const lockRequest = { eventId: event.body.id, userId: 'demo-user', seats: 2, idempotencyKey: `demo-lock-${run}` };
  const lock = await call('POST', '/api/locks', lockRequest);
  const again = await call('POST', '/api/locks', lockRequest);
  expect(
    again.body.id === lock.body.id && again.headers.get('idempotent-replayed') === 'true',
    'the same lock, replayed',
  );
  const seats = await call('GET', `/api/events/${String(event.body.id)}`);
  expect(seats.body.availableSeats === 8, 'two seats held, not four');

  say('Confirm the booking', 'The lock becomes a booking awaiting payment.');
  const booking = await call('POST', '/api/bookings', { seatLockId: lock.body.id });

  say('Pay twice with the same key', 'The retry gets the stored answer with isRetry: true; the card is charged once.');
  const payment = {
    bookingId: booking.body.id,
    amount: booking.body.amount,
    force: 'success',
    idempotencyKey: `demo-pay-${run}`,
  };
  const first = await call('POST', '/api/payments/intent', payment);
  const retry = await call('POST', '/api/payments/intent', payment);
  expect(first.body.isRetry === false && retry.body.isRetry === true, 'isRetry false, then true');
  const ledger = await call('GET', `/api/payments/charges?bookingId=${String(booking.body.id)}`);
  expect(Array.isArray(ledger.body) && ledger.body.length === 1, "one charge in the provider's ledger");

  say('The retry in the audit trail', 'The replay is recorded as PAYMENT_RETRY with isRetry and the original attempt.');
  const trail = await call('GET', `/api/audit?bookingId=${String(booking.body.id)}&action=PAYMENT_RETRY`);
  const entry = (trail.body as unknown as { metadata: { isRetry?: boolean; originalAttemptId?: string } }[])[0];
  expect(
    entry?.metadata.isRetry === true && entry.metadata.originalAttemptId === first.body.attemptId,
    'PAYMENT_RETRY points at the original attempt',
  );

  say(
    'Two expiry jobs at once',
    'Both ask for the job lease; one runs, the other is refused with 409 and Retry-After.',
  );
  let statuses: number[] = [];
  for (let attempt = 0; attempt < 5 && statuses.join() !== '200,409'; attempt++) {
    // The quiet tries only look for a moment when both requests meet; the last pair is printed.
    const pair = await Promise.all([
      call('POST', '/api/jobs/expire-locks', {}, {}, true),
      call('POST', '/api/jobs/expire-locks', {}, {}, true),
    ]);
    statuses = pair.map((answer) => answer.status).sort();
    if (statuses.join() === '200,409' || attempt === 4)
      for (const answer of pair) show('POST', '/api/jobs/expire-locks', {}, answer, {});
  }
  expect(statuses.join() === '200,409', 'one 200, one 409 "Another instance is already running"');

  say('The consistency check', 'Seats, locks, bookings, payments and the audit trail agree with each other.');
  const report = await call('GET', '/api/admin/consistency');
  expect(Array.isArray(report.body.violations) && report.body.violations.length === 0, 'no violations');

  process.stdout.write(
    `\n${bold('Done.')} Metrics: ${base.origin}/metrics · dashboard: ${base.origin}/dashboard · API docs: ${base.origin}/docs\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
