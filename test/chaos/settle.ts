import { isDecisive, type OwedWrite } from './careful-writer';
import type { ChaosClient } from './chaos-client';
import type { ServiceInstance } from './instance-supervisor';
import type { RetryPolicy } from '../../client/retry-policy';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const MAX_JOB_ROUNDS = 30;
/** A job run or the consistency scan reads whole collections: on the embedded engine that takes seconds. */
export const OPERATOR_TIMEOUT_MS = 60_000;
const JOB_WAIT_MS = 5 * OPERATOR_TIMEOUT_MS;
/** Faults are off: a client that came back keeps trying its owed write for longer than during the run. */
const RESEND_POLICY: Partial<RetryPolicy> = {
  maxAttempts: 15,
  maxElapsedMs: 120_000,
  attemptTimeoutMs: 5_000,
  baseDelayMs: 300,
  maxDelayMs: 2_000,
};

export interface SettleReport {
  owedWrites: number;
  stillOwed: number;
  /** Writes given up for good by "crashed" clients, never sent again. */
  abandoned: number;
  jobRounds: number;
  quiet: boolean;
}

/**
 * Brings the system to rest once faults have stopped: every instance up, every write whose answer the
 * client never learned sent again until it answers (the promise is that a client may always do so),
 * every lock and booking past its expiry, and both jobs run until they find nothing left to do.
 */
export async function settle(
  instances: ServiceInstance[],
  harness: ChaosClient,
  owed: OwedWrite[],
  restMs: number,
): Promise<SettleReport> {
  for (const instance of instances) {
    if (instance.state === 'paused') instance.resume();
    if (instance.state === 'killed' || !(await instance.healthy())) {
      await instance.kill();
      await instance.start();
    }
  }

  let stillOwed = 0;
  // The client that owes a write sends it again with its own token and the operation's key, through the
  // same retry policy it used during the run.
  for (const { client, request } of owed) {
    if (!isDecisive(await client.perform(request, RESEND_POLICY, true))) stillOwed++;
  }

  await sleep(restMs);
  let quietRounds = 0;
  let round = 0;
  while (round < MAX_JOB_ROUNDS && quietRounds < 2) {
    round++;
    const processed = [
      await runJob(harness, '/api/jobs/expire-locks', round % instances.length),
      await runJob(harness, '/api/jobs/expire-bookings', (round + 1) % instances.length),
    ];
    quietRounds = processed.every((p) => p === 0) ? quietRounds + 1 : 0;
    await sleep(1000);
  }
  return { owedWrites: owed.length, stillOwed, abandoned: 0, jobRounds: round, quiet: quietRounds >= 2 };
}

/**
 * Runs a job to completion on one instance; a 409 means another instance (or the cron) holds it: wait,
 * for as long as a run working through a long run's leftovers may take.
 */
async function runJob(harness: ChaosClient, path: string, instance: number): Promise<number | undefined> {
  const giveUpAt = Date.now() + JOB_WAIT_MS;
  while (Date.now() < giveUpAt) {
    const answer = await harness.send(
      { method: 'POST', path, admin: true, payload: {} },
      { instance, timeoutMs: OPERATOR_TIMEOUT_MS },
    );
    const body = answer.body as { status?: string; results?: { processed?: number } } | undefined;
    if (answer.status === 200 && body?.status === 'COMPLETED') return body.results?.processed ?? 0;
    await sleep(500);
  }
  return undefined;
}
