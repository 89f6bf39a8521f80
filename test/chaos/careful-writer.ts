import { WORKLOAD_POLICY, type ChaosClient, type Send } from './chaos-client';
import { isTransient, type HistoryEntry } from './history';

/** Share of given-up writes whose client "crashed": never sent again, left to the service's own sweeps. */
const CRASHED_CLIENT_SHARE = 0.25;
const ABORT_PROBABILITY = 0.05;
const STORM_PROBABILITY = 0.08;

/** A write whose outcome its client never learned, and the client that owes it (its token, its key). */
export interface OwedWrite {
  client: ChaosClient;
  request: Send;
}

/**
 * An answer a client can act on: anything but a transient one — or a 502 still there after the policy's
 * last attempt (provider_error forced on every try keeps the simulated provider down).
 */
export function isDecisive(entry: HistoryEntry | undefined): entry is HistoryEntry {
  return entry !== undefined && (!isTransient(entry) || entry.status === 502);
}

/**
 * Sends one keyed write the way a careful client does: through the typed client's retry policy, which keeps
 * the key and payload across its attempts. Some operations start badly first, outside that policy: a storm
 * (the same request to several instances at once) or a send the client cuts off; the policy then carries
 * the same key on. Returns the decisive answer, or undefined when the client gave up (the write stays owed).
 */
export class CarefulWriter {
  /** Writes whose outcome the client never learned; the settle phase sends them again. */
  readonly owed: OwedWrite[] = [];
  /** Writes given up for good, as by a client that crashed: `<scope> <key>`. */
  readonly abandoned: string[] = [];

  constructor(private readonly client: ChaosClient) {}

  async perform(request: Send, stormProbability = STORM_PROBABILITY): Promise<HistoryEntry | undefined> {
    const rng = this.client.rng;
    const early = request.key ? await this.misbehave(request, stormProbability) : [];
    const decided = early.find((a) => !isTransient(a));
    if (decided) return decided;
    const answer = await this.client.perform(request, WORKLOAD_POLICY, early.length > 0);
    if (isDecisive(answer)) return answer;
    if (request.key && rng.chance(CRASHED_CLIENT_SHARE)) this.abandoned.push(`${request.scope} ${request.key}`);
    else if (request.key) this.owed.push({ client: this.client, request });
    return undefined;
  }

  /** A double click: the same request sent again after its answer arrived, which must be a replay. */
  async repeat(request: Send): Promise<HistoryEntry> {
    return this.client.send(request, { instance: this.client.randomInstance(), retry: true });
  }

  /** The first send of a storm, or one the client hangs up on after a few milliseconds; none most of the time. */
  private async misbehave(request: Send, stormProbability: number): Promise<HistoryEntry[]> {
    const rng = this.client.rng;
    if (rng.chance(stormProbability)) return this.storm(request);
    if (!rng.chance(ABORT_PROBABILITY)) return [];
    return [await this.client.send(request, { instance: this.client.randomInstance(), abortAfterMs: rng.int(2, 80) })];
  }

  private async storm(request: Send): Promise<HistoryEntry[]> {
    const rng = this.client.rng;
    const first = this.client.randomInstance();
    const count = Math.min(rng.int(2, 3), this.client.instanceCount);
    const instances = Array.from({ length: count }, (_, i) => (first + i) % this.client.instanceCount);
    return Promise.all(instances.map((instance) => this.client.send(request, { instance, storm: true })));
  }
}
