import type { ChaosClient, Send } from './chaos-client';
import { isSuccess, problemCode, type HistoryEntry } from './history';
import { RetryingSender } from './retrying-sender';

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

/** Events every client books from; small inventories, so seats run out and come back. */
export class EventPool {
  readonly ids: string[] = [];
}

/**
 * One virtual client: journeys of event → lock → booking → payment → cancel, each step chosen at
 * random, every write keyed and retried through the RetryingSender, until the deadline.
 */
export class VirtualClient {
  readonly sender: RetryingSender;
  private keys = 0;

  constructor(
    private readonly client: ChaosClient,
    private readonly events: EventPool,
    private readonly runId: string,
  ) {
    this.sender = new RetryingSender(client);
  }

  async run(deadline: number): Promise<void> {
    while (Date.now() < deadline) {
      await this.journey(deadline);
      await sleep(this.client.rng.int(20, 200));
    }
  }

  /** Creates an event, keyed like every other write, so a retry after a lost answer never makes a second one. */
  async createEvent(): Promise<void> {
    const rng = this.client.rng;
    const startsAt = new Date(Date.now() + rng.pick(STARTS_IN_MS)).toISOString();
    const payload = {
      name: `chaos ${this.runId} c${this.client.id}`,
      totalSeats: rng.int(4, 16),
      price: rng.int(1, 50) * 100,
      startsAt,
    };
    const created = await this.sender.perform({
      method: 'POST',
      path: '/api/events',
      scope: 'events.create',
      key: this.key('event'),
      payload,
    });
    if (created?.status === 201) this.events.ids.push((created.body as { id: string }).id);
  }

  private key(kind: string): string {
    return `${this.runId}-c${this.client.id}-${kind}-${++this.keys}`;
  }

  private async journey(deadline: number): Promise<void> {
    const rng = this.client.rng;
    if (this.events.ids.length === 0 || rng.chance(0.04)) await this.createEvent();
    if (this.events.ids.length === 0) return;

    const lockRequest: Send = {
      method: 'POST',
      path: '/api/locks',
      scope: 'locks.create',
      key: this.key('lock'),
      payload: { eventId: rng.pick(this.events.ids), userId: `user-${this.client.id}`, seats: rng.int(1, 4) },
    };
    const locked = await this.writeWithEcho(lockRequest);
    if (!locked || !isSuccess(locked)) return;
    const lockId = (locked.body as { id: string }).id;
    if (rng.chance(0.08)) await this.reuseKey(lockRequest);

    const next = rng.weighted([
      ['book', 75],
      ['release', 15],
      ['abandon', 10],
    ] as const);
    if (next === 'abandon' || Date.now() > deadline) return;
    if (next === 'release') {
      await this.writeWithEcho({
        method: 'DELETE',
        path: `/api/locks/${lockId}`,
        scope: 'locks.release',
        key: this.key('release'),
      });
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
    const [booked] = await Promise.all([this.writeWithEcho(bookRequest), twinBooking]);
    if (!booked || !isSuccess(booked)) return;
    const booking = booked.body as { id: string; amount: number };

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
      const [answer, raced] = await Promise.all([this.writeWithEcho(request(rng.weighted(FORCES))), racer]);
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
    await this.writeWithEcho({
      method: 'POST',
      path: `/api/bookings/${bookingId}/cancel`,
      scope: 'bookings.cancel',
      key: this.key('cancel'),
      payload,
    });
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

  /** Performs a write and, now and then, sends it once more after its answer arrived: the double click. */
  private async writeWithEcho(request: Send): Promise<HistoryEntry | undefined> {
    const answer = await this.sender.perform(request);
    if (answer && isSuccess(answer) && this.client.rng.chance(0.12)) await this.sender.repeat(request);
    return answer;
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
