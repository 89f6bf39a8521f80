/**
 * A narrated walk through the seed's testing scenarios against a running service, printing each
 * request and answer. Starts the service on the embedded engine (with a throwaway DATA_DIR) when none
 * answers at the base URL, and stops it at the end.
 *   npm run demo -- [baseUrl]            (default http://127.0.0.1:$PORT, PORT defaulting to 3000)
 * Every call goes through the project's typed client (client/). Its bearer token: DEMO_TOKEN on a secured service
 * (`npm run dev-issuer` prints one for the demo's subject with the organizer and admin roles the walk needs),
 * else ADMIN_TOKEN when set (an open service that guards only its operator routes).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBookingClient, wasReplayed } from '../client/booking-client';
import type { RetryEvent } from '../client/retrying-fetch';

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

let step = 0;
function say(title: string, why: string): void {
  process.stdout.write(`\n${bold(`${++step}. ${title}`)}\n${dim(why)}\n`);
}

/** The transport under the typed client: sends each attempt and prints it with its answer. */
async function narrated(request: Request): Promise<Response> {
  const body = request.body === null ? '' : ` ${await request.clone().text()}`;
  const key = request.headers.get('Idempotency-Key');
  const url = new URL(request.url);
  process.stdout.write(
    `  ${cyan('→')} ${request.method} ${url.pathname}${url.search}${key ? dim(` Idempotency-Key: ${key}`) : ''}${body}\n`,
  );
  const answer = await fetch(request);
  const colour = answer.status < 300 ? green : answer.status < 500 ? yellow : red;
  const noted = ['idempotent-replayed', 'retry-after']
    .filter((name) => answer.headers.has(name))
    .map((name) => yellow(`  ${name}: ${answer.headers.get(name)}`))
    .join('');
  const text = await answer.clone().text();
  const shown = text ? JSON.stringify(JSON.parse(text), null, 2).replace(/\n/g, '\n    ') : '';
  process.stdout.write(`  ${colour(`← ${answer.status}`)}${noted}\n    ${shown}\n`);
  return answer;
}

const retries = {
  token: demoToken ?? adminToken,
  onRetry: (event: RetryEvent) =>
    process.stdout.write(yellow(`  ↻ retrying in ${event.delayMs} ms (${event.reason}), same key\n`)),
};
/** The project's own client: typed from the OpenAPI document, retrying with one key per operation. */
const api = createBookingClient({ baseUrl: base.origin, fetch: narrated, ...retries });
/** The same client, not printing: for the tries that only look for a moment. */
const quietApi = createBookingClient({ baseUrl: base.origin, ...retries });

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
  // The service, and the checkout page's bundle the closing line points at.
  const builds: [string, string[]][] = [
    [process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json']],
    ['npm', ['run', '--silent', 'build:checkout']],
  ];
  for (const [command, args] of builds)
    if (spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status !== 0) throw new Error('the build failed');
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

  say('Create an event', 'Ten seats at 25.00 (prices are in cents). The client gives the write its idempotency key.');
  const event = await api.POST('/api/events', {
    body: {
      name: `Demo concert ${run}`,
      totalSeats: 10,
      price: 2500,
      startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    },
  });
  const eventId = event.data!.id;

  say(
    'Lock two seats, twice with the same key',
    'A client that lost the first answer sends the request again: it must not hold four seats.',
  );
  const lockKey = { 'Idempotency-Key': `demo-lock-${run}` };
  const lockBody = { eventId, userId: 'demo-user', seats: 2 };
  const lock = await api.POST('/api/locks', { body: lockBody, headers: lockKey });
  const again = await api.POST('/api/locks', { body: lockBody, headers: lockKey });
  expect(again.data?.id === lock.data?.id && wasReplayed(again.response), 'the same lock, replayed');
  const seats = await api.GET('/api/events/{id}', { params: { path: { id: eventId } } });
  expect(seats.data?.availableSeats === 8, 'two seats held, not four');

  say('Confirm the booking', 'The lock becomes a booking awaiting payment.');
  const booking = (await api.POST('/api/bookings', { body: { seatLockId: lock.data!.id } })).data!;

  say('Pay twice with the same key', 'The retry gets the stored answer with isRetry: true; the card is charged once.');
  const payment = { body: { bookingId: booking.id, amount: booking.amount, force: 'success' as const } };
  const payKey = { 'Idempotency-Key': `demo-pay-${run}` };
  const first = await api.POST('/api/payments/intent', { ...payment, headers: payKey });
  const retry = await api.POST('/api/payments/intent', { ...payment, headers: payKey });
  expect(first.data?.isRetry === false && retry.data?.isRetry === true, 'isRetry false, then true');
  const ledger = await api.GET('/api/payments/charges', { params: { query: { bookingId: booking.id } } });
  expect(ledger.data?.length === 1, "one charge in the provider's ledger");

  say('The retry in the audit trail', 'The replay is recorded as PAYMENT_RETRY with isRetry and the original attempt.');
  const trail = await api.GET('/api/audit', { params: { query: { bookingId: booking.id, action: 'PAYMENT_RETRY' } } });
  const metadata: { isRetry?: unknown; originalAttemptId?: unknown } | undefined = trail.data?.[0]?.metadata;
  expect(
    metadata?.isRetry === true && metadata.originalAttemptId === first.data?.attemptId,
    'PAYMENT_RETRY points at the original attempt',
  );

  say(
    'Two expiry jobs at once',
    'Both ask for the job lease; one runs, the other is refused with 409 and Retry-After (a refusal, not retried).',
  );
  let statuses: number[] = [];
  for (let attempt = 0; attempt < 5 && statuses.join() !== '200,409'; attempt++) {
    // Quiet tries: they only look for a moment when both requests meet; the last pair is summed up.
    const pair = await Promise.all([0, 1].map(() => quietApi.POST('/api/jobs/expire-locks', { body: {} })));
    statuses = pair.map((answer) => answer.response.status).sort();
    if (statuses.join() === '200,409' || attempt === 4)
      for (const { response, error } of pair)
        process.stdout.write(
          `  ${cyan('←')} ${response.status} ${dim(error ? String(error.detail) : 'ran the job')}\n`,
        );
  }
  expect(statuses.join() === '200,409', 'one 200, one 409 "Another instance is already running"');

  say('The consistency check', 'Seats, locks, bookings, payments and the audit trail agree with each other.');
  const report = await api.GET('/api/admin/consistency');
  expect(report.data?.violations.length === 0, 'no violations');

  process.stdout.write(
    `\n${bold('Done.')} Metrics: ${base.origin}/metrics · dashboard: ${base.origin}/dashboard · ` +
      `checkout: ${base.origin}/checkout?event=${eventId} · API docs: ${base.origin}/docs\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
