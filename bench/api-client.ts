const REQUEST_TIMEOUT_MS = 300_000;
const DAY_MS = 86_400_000;

/** Cents per seat on every bench event; a one-seat booking costs this much. */
const SEAT_PRICE = 2500;
export const EVENT_SEATS = 100_000;

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** The few calls the bench makes outside the measured rounds: setup, pools, seeding, round trips. */
export class ApiClient {
  constructor(private readonly baseUrl: string) {}

  async send(method: 'GET' | 'POST', path: string, body?: object): Promise<ApiResponse> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
    };
  }

  async create(path: string, body: object): Promise<Record<string, unknown>> {
    const response = await this.send('POST', path, body);
    if (response.status !== 201) {
      throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(response.body).slice(0, 300)}`);
    }
    return response.body;
  }

  async createEvent(name: string): Promise<string> {
    return String((await this.create('/api/events', eventBody(name))).id);
  }

  async createLock(eventId: string, idempotencyKey: string): Promise<string> {
    return String((await this.create('/api/locks', lockBody(eventId, idempotencyKey))).id);
  }

  async createBooking(seatLockId: string, idempotencyKey: string): Promise<string> {
    return String((await this.create('/api/bookings', { seatLockId, idempotencyKey })).id);
  }
}

export function eventBody(name: string): object {
  return {
    name,
    totalSeats: EVENT_SEATS,
    price: SEAT_PRICE,
    startsAt: new Date(Date.now() + 30 * DAY_MS).toISOString(),
  };
}

export function lockBody(eventId: string, idempotencyKey: string): object {
  return { eventId, userId: 'bench-user', seats: 1, idempotencyKey };
}

export function paymentBody(bookingId: string, idempotencyKey: string): object {
  return { bookingId, amount: SEAT_PRICE, force: 'success', idempotencyKey };
}

/**
 * Runs task(0..count-1) with at most `concurrency` in flight, and starts no new one after the deadline.
 * Resolves with how many finished; the first failure stops the rest and is rethrown.
 */
export async function inParallel(
  count: number,
  concurrency: number,
  deadline: number,
  task: (index: number) => Promise<void>,
): Promise<number> {
  let next = 0;
  let done = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < count && Date.now() < deadline) {
      const index = next++;
      try {
        await task(index);
        done += 1;
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return done;
}
