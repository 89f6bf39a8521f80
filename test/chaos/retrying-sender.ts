import type { ChaosClient, Send } from './chaos-client';
import { problemCode, type HistoryEntry } from './history';

const MAX_SENDS = 10;
/** A 502 keeps coming when provider_error is forced on every try: accepted after this many. */
const MAX_PROVIDER_DOWN = 3;
/** Share of given-up writes whose client "crashed": never sent again, left to the service's own sweeps. */
const CRASHED_CLIENT_SHARE = 0.25;
const ABORT_PROBABILITY = 0.05;
const STORM_PROBABILITY = 0.08;

/** Lost, cut off, refused, 5xx, or a twin still running: the client does not know, so it sends again. */
export function isTransient(entry: HistoryEntry): boolean {
  if (entry.outcome !== 'response' || entry.status === undefined) return true;
  if (entry.status >= 500) return true;
  return entry.status === 409 && problemCode(entry) === 'IDEMPOTENCY.IN_PROGRESS';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Sends one keyed write the way a careful client does: again with the same key and payload after any
 * transient answer, with jittered backoff, to whichever instance the load balancer picks. Some first
 * sends are storms (the same request to several instances at once) and some sends are cut off by the
 * client. Returns the first decisive answer, or undefined when it gave up (the request stays owed).
 */
export class RetryingSender {
  /** Writes whose outcome the client never learned; the settle phase sends them again. */
  readonly owed: Send[] = [];
  /** Writes given up for good, as by a client that crashed: `<scope> <key>`. */
  readonly abandoned: string[] = [];

  constructor(private readonly client: ChaosClient) {}

  async perform(request: Send, stormProbability = STORM_PROBABILITY): Promise<HistoryEntry | undefined> {
    const rng = this.client.rng;
    let providerDown = 0;
    for (let send = 0; send < MAX_SENDS; send++) {
      const retry = send > 0;
      const answers =
        !retry && request.key && rng.chance(stormProbability)
          ? await this.storm(request)
          : [
              await this.client.send(request, {
                instance: this.client.randomInstance(),
                retry,
                abortAfterMs: rng.chance(ABORT_PROBABILITY) ? rng.int(2, 80) : undefined,
              }),
            ];
      const decisive = answers.find((a) => !isTransient(a));
      if (decisive) return decisive;
      if (answers.some((a) => a.status === 502) && ++providerDown >= MAX_PROVIDER_DOWN)
        return answers[answers.length - 1];
      await sleep(rng.int(50, 250) * (send + 1));
    }
    if (request.key && rng.chance(CRASHED_CLIENT_SHARE)) this.abandoned.push(`${request.scope} ${request.key}`);
    else if (request.key) this.owed.push(request);
    return undefined;
  }

  /** A double click: the same request sent again after its answer arrived, which must be a replay. */
  async repeat(request: Send): Promise<HistoryEntry> {
    return this.client.send(request, { instance: this.client.randomInstance(), retry: true });
  }

  private async storm(request: Send): Promise<HistoryEntry[]> {
    const rng = this.client.rng;
    const first = this.client.randomInstance();
    const count = Math.min(rng.int(2, 3), this.client.instanceCount);
    const instances = Array.from({ length: count }, (_, i) => (first + i) % this.client.instanceCount);
    return Promise.all(instances.map((instance) => this.client.send(request, { instance, storm: true })));
  }
}
