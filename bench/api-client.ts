import { createBookingClient, type BookingClient, type Schemas } from '../client/booking-client';

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

/**
 * The calls the bench makes outside the measured rounds: setup, pools, seeding. The writes go through the
 * project's typed client, so a busy moment during seeding is retried with the same key instead of ending
 * the run. `send` stays one plain request: what it answers is measured (round trips, a timed sample), and
 * a retry would fold two requests into one number.
 */
export class ApiClient {
  private readonly api: BookingClient;

  constructor(private readonly baseUrl: string) {
    this.api = createBookingClient({
      baseUrl,
      policy: { attemptTimeoutMs: REQUEST_TIMEOUT_MS, maxElapsedMs: REQUEST_TIMEOUT_MS },
    });
  }

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

  async createEvent(name: string): Promise<string> {
    return created('POST /api/events', await this.api.POST('/api/events', { body: eventBody(name) })).id;
  }

  async createLock(eventId: string, idempotencyKey: string): Promise<string> {
    return created('POST /api/locks', await this.api.POST('/api/locks', { body: lockBody(eventId, idempotencyKey) }))
      .id;
  }

  async createBooking(seatLockId: string, idempotencyKey: string): Promise<string> {
    const answer = await this.api.POST('/api/bookings', { body: { seatLockId, idempotencyKey } });
    return created('POST /api/bookings', answer).id;
  }

  async pay(bookingId: string, idempotencyKey: string): Promise<string> {
    const answer = await this.api.POST('/api/payments/intent', { body: paymentBody(bookingId, idempotencyKey) });
    return created('POST /api/payments/intent', answer).attemptId;
  }
}

/** The created resource, or an error that says what the API answered instead. */
function created<T>(route: string, answer: { data?: T; error?: unknown; response: Response }): T {
  if (answer.data !== undefined && answer.response.status === 201) return answer.data;
  throw new Error(
    `${route} answered ${answer.response.status}: ${JSON.stringify(answer.error ?? answer.data).slice(0, 300)}`,
  );
}

export function eventBody(name: string): Schemas['CreateEventDto'] {
  return {
    name,
    totalSeats: EVENT_SEATS,
    price: SEAT_PRICE,
    startsAt: new Date(Date.now() + 30 * DAY_MS).toISOString(),
  };
}

export function lockBody(eventId: string, idempotencyKey: string): Schemas['CreateLockDto'] {
  return { eventId, userId: 'bench-user', seats: 1, idempotencyKey };
}

export function paymentBody(bookingId: string, idempotencyKey: string): Schemas['CreatePaymentIntentDto'] {
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
