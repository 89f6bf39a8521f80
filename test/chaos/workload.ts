import { CarefulWriter } from './careful-writer';
import type { ChaosClient, Send } from './chaos-client';
import { isSuccess, problemCode, type HistoryEntry } from './history';
import type { Prng } from './prng';

type Force = 'success' | 'failure' | 'provider_error' | 'timeout_after_charge';

const FORCES: ReadonlyArray<readonly [Force, number]> = [
  ['success', 45],
  ['failure', 15],
  ['provider_error', 15],
  ['timeout_after_charge', 25],
];

const HOUR_MS = 3_600_000;
/** Start times that land a cancellation in each refund band: full, half, none. */
const STARTS_IN_MS = [30 * 24 * HOUR_MS, 3 * 24 * HOUR_MS, 2 * HOUR_MS];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Event creations are stormed more often than other writes: an unguarded create shows there first. */
const EVENT_STORM_PROBABILITY = 0.3;
/** Share of journeys (secured mode) that also try another client's lock or booking, which must answer 404. */
const FOREIGN_PROBE_SHARE = 0.08;

/** The subject of client `id`'s token, and the userId its locks are held for. */
export function subjectOf(id: number): string {
  return `user-${id}`;
}

interface Owned {
  owner: number;
  path: string;
}

/** The newest locks and bookings of every client, for the cross-client probes. */
export class OwnedResources {
  private readonly items: Owned[] = [];

  add(owner: number, path: string): void {
    this.items.push({ owner, path });
    if (this.items.length > 64) this.items.shift();
  }

  /** One that `client` does not own, if there is any yet. */
  foreignTo(client: number, rng: Prng): Owned | undefined {
    const others = this.items.filter((item) => item.owner !== client);
    return others.length === 0 ? undefined : rng.pick(others);
  }
}

/**
 * Events every client books from; small inventories, so seats run out and come back. Journeys book
 * from the newest few only, so creating events often does not spread the clients thin.
 */
export class EventPool {
  private readonly ids: string[] = [];

  constructor(private readonly bookable: number) {}

  get empty(): boolean {
    return this.ids.length === 0;
  }

  add(id: string): void {
    this.ids.push(id);
  }

  pick(rng: Prng): string {
    return rng.pick(this.ids.slice(-this.bookable));
  }
}

/** The same key with spaces around it, as a client that pads (or a form that keeps them) sends it. */
function padded(key: string, rng: Prng): string {
  return rng.pick([`${key} `, ` ${key}`, ` ${key} `]);
}

/**
 * One virtual client: journeys of event → lock → booking → payment → cancel, each step chosen at
 * random, every write keyed and retried through the CarefulWriter (the typed client's retry policy),
 * until the deadline. In the secured mode it holds seats with or without naming itself, and now and then
 * tries another client's lock or booking.
 */
export class VirtualClient {
  readonly sender: CarefulWriter;
  private keys = 0;

  constructor(
    private readonly client: ChaosClient,
    private readonly events: EventPool,
    private readonly runId: string,
    private readonly owned: OwnedResources,
    private readonly secured: boolean,
  ) {
    this.sender = new CarefulWriter(client);
  }

  async run(deadline: number): Promise<void> {
    while (Date.now() < deadline) {
      await this.journey(deadline);
      await sleep(this.client.rng.int(20, 200));
    }
  }

  /**
   * Creates an event, keyed like every other write, so a retry after a lost answer never makes a second
   * one. The name carries the key: events have no key field, and the checker finds each key's events by it.
   */
  async createEvent(): Promise<void> {
    const rng = this.client.rng;
    const key = this.key('event');
    const request: Send = {
      method: 'POST',
      path: '/api/events',
      scope: 'events.create',
      key,
      payload: {
        name: eventName(key),
        totalSeats: rng.int(4, 16),
        price: rng.int(1, 50) * 100,
        startsAt: new Date(Date.now() + rng.pick(STARTS_IN_MS)).toISOString(),
      },
    };
    // No fresh-key double click here: another key is another event, named after that key.
    const created = await this.writeWithEcho(request, undefined, EVENT_STORM_PROBABILITY);
    if (created?.status === 201) this.events.add((created.body as { id: string }).id);
  }

  private key(kind: string): string {
    return `${this.runId}-c${this.client.id}-${kind}-${++this.keys}`;
  }

  private async journey(deadline: number): Promise<void> {
    const rng = this.client.rng;
    if (this.events.empty || rng.chance(0.25)) await this.createEvent();
    if (this.events.empty) return;
    if (this.secured && rng.chance(FOREIGN_PROBE_SHARE)) await this.probeForeign();

    // Secured, the token says who holds the seats: the body may name its subject or leave it out.
    const named = !this.secured || rng.chance(0.5);
    const lockRequest: Send = {
      method: 'POST',
      path: '/api/locks',
      scope: 'locks.create',
      key: this.key('lock'),
      payload: {
        eventId: this.events.pick(rng),
        ...(named ? { userId: subjectOf(this.client.id) } : {}),
        seats: rng.int(1, 4),
      },
    };
    const locked = await this.writeWithEcho(lockRequest, 'lock');
    if (!locked || !isSuccess(locked)) return;
    const lockId = (locked.body as { id: string }).id;
    this.owned.add(this.client.id, `/api/locks/${lockId}`);
    if (rng.chance(0.08)) await this.reuseKey(lockRequest);

    const next = rng.weighted([
      ['book', 75],
      ['release', 15],
      ['abandon', 10],
    ] as const);
    if (next === 'abandon' || Date.now() > deadline) return;
    if (next === 'release') {
      await this.writeWithEcho(
        { method: 'DELETE', path: `/api/locks/${lockId}`, scope: 'locks.release', key: this.key('release') },
        'release',
      );
      if (rng.chance(0.2))
        await this.sender.perform({
          method: 'DELETE',
          path: `/api/locks/${lockId}`,
          scope: 'locks.release',
          key: this.key('release'),
        });
      return;
    }

    const bookRequest: Send = {
      method: 'POST',
      path: '/api/bookings',
      scope: 'bookings.create',
      key: this.key('book'),
      payload: { seatLockId: lockId },
    };
    const twinBooking = rng.chance(0.05)
      ? this.sender.perform({ ...bookRequest, key: this.key('book') })
      : Promise.resolve(undefined);
    const [booked] = await Promise.all([this.writeWithEcho(bookRequest, 'book'), twinBooking]);
    if (!booked || !isSuccess(booked)) return;
    const booking = booked.body as { id: string; amount: number };
    this.owned.add(this.client.id, `/api/bookings/${booking.id}`);

    const after = rng.weighted([
      ['pay', 80],
      ['cancel', 10],
      ['abandon', 10],
    ] as const);
    if (after === 'abandon' || Date.now() > deadline) return;
    if (after === 'cancel') {
      await this.cancel(booking.id);
      return;
    }
    const paid = await this.pay(booking);
    if (paid && rng.chance(0.3) && Date.now() < deadline) await this.cancel(booking.id);
  }

  /** Pays with up to three keys; sometimes two keys race for one booking (one wins, the other is refused or refunded). */
  private async pay(booking: { id: string; amount: number }): Promise<boolean> {
    const rng = this.client.rng;
    for (let key = 0; key < 3; key++) {
      const request = (force: Force): Send => ({
        method: 'POST',
        path: '/api/payments/intent',
        scope: 'payments.intent',
        key: this.key('pay'),
        payload: { bookingId: booking.id, amount: booking.amount, force },
      });
      const racer = rng.chance(0.05) ? this.sender.perform(request('success')) : Promise.resolve(undefined);
      const [answer, raced] = await Promise.all([this.writeWithEcho(request(rng.weighted(FORCES)), 'pay'), racer]);
      const succeeded = [answer, raced].some(
        (a) => a && isSuccess(a) && (a.body as { status?: string }).status === 'SUCCEEDED',
      );
      if (succeeded) return true;
      if (answer?.status === 409 && problemCode(answer) !== 'IDEMPOTENCY.IN_PROGRESS') return false;
    }
    return false;
  }

  private async cancel(bookingId: string): Promise<void> {
    const rng = this.client.rng;
    const payload = rng.chance(0.5) ? { reason: 'chaos' } : {};
    await this.writeWithEcho(
      {
        method: 'POST',
        path: `/api/bookings/${bookingId}/cancel`,
        scope: 'bookings.cancel',
        key: this.key('cancel'),
        payload,
      },
      'cancel',
    );
    if (rng.chance(0.15)) {
      await this.sender.perform({
        method: 'POST',
        path: `/api/bookings/${bookingId}/cancel`,
        scope: 'bookings.cancel',
        key: this.key('cancel'),
        payload: {},
      });
    }
  }

  /**
   * Performs a write and, now and then, once its 2xx has arrived, sends it again: the double click (same
   * key, which must be a replay), the same key padded with spaces (refused with 400, or a replay — never
   * a second effect), or the double click of a client that makes a fresh key per click (a second request:
   * harmless only through the route's own guard — the same booking, the same cancellation, no second charge).
   */
  private async writeWithEcho(
    request: Send,
    freshKeyKind: string | undefined,
    stormProbability?: number,
  ): Promise<HistoryEntry | undefined> {
    const rng = this.client.rng;
    const answer = await this.sender.perform(request, stormProbability);
    if (!answer || !isSuccess(answer)) return answer;
    if (rng.chance(0.12)) await this.sender.repeat(request);
    if (rng.chance(0.06)) await this.sender.perform({ ...request, key: padded(request.key!, rng), keyIn: 'body' });
    if (freshKeyKind && rng.chance(0.05)) await this.sender.perform({ ...request, key: this.key(freshKeyKind) });
    return answer;
  }

  /**
   * Another client's lock or booking: read it, or cancel a booking with a key of our own. Sent once,
   * outside the retry policy; any decisive answer but 404 tells the caller something it may not know.
   */
  private async probeForeign(): Promise<void> {
    const rng = this.client.rng;
    const target = this.owned.foreignTo(this.client.id, rng);
    if (!target) return;
    const cancel = target.path.startsWith('/api/bookings/') && rng.chance(0.5);
    const request: Send = cancel
      ? { method: 'POST', path: `${target.path}/cancel`, key: this.key('foreign-cancel'), payload: {}, foreign: true }
      : { method: 'GET', path: target.path, foreign: true };
    await this.client.send(request, { instance: this.client.randomInstance() });
  }

  /** The same key with another payload: must be refused with 422 and reveal nothing of the original. */
  private async reuseKey(request: Send): Promise<void> {
    const seats = (request.payload?.seats as number) + 1;
    await this.client.send(
      { ...request, payload: { ...request.payload, seats } },
      { instance: this.client.randomInstance() },
    );
  }
}

const EVENT_NAME_PREFIX = 'chaos ';

export function eventName(key: string): string {
  return `${EVENT_NAME_PREFIX}${key}`;
}

/** The key an event was created under, from its name; undefined for an event the workload did not create. */
export function eventKeyOf(name: unknown): string | undefined {
  return typeof name === 'string' && name.startsWith(EVENT_NAME_PREFIX)
    ? name.slice(EVENT_NAME_PREFIX.length)
    : undefined;
}
