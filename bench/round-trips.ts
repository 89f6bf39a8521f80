import { ApiClient, eventBody, lockBody, paymentBody, type ApiResponse } from './api-client';

const ROUND_TRIPS_HEADER = 'x-db-round-trips';

export interface RoundTripRow {
  request: string;
  first: string;
  /** Undefined for requests that have no replay. */
  replay?: string;
}

/**
 * Database commands one request issued, as the service reports them in X-Db-Round-Trips; "n/a" on a
 * service that does not send the header yet. Each keyed write is sent twice with the same key: first, replay.
 */
export async function measureRoundTrips(api: ApiClient): Promise<RoundTripRow[]> {
  const count = (response: ApiResponse) => response.headers.get(ROUND_TRIPS_HEADER) ?? 'n/a';
  const twice = async (path: string, body: object) => {
    const first = await api.send('POST', path, body);
    const replay = await api.send('POST', path, body);
    for (const response of [first, replay]) {
      if (response.status >= 300)
        throw new Error(`POST ${path} answered ${response.status} while counting round trips`);
    }
    return { first, replay };
  };

  const rows: RoundTripRow[] = [{ request: 'GET /health', first: count(await api.send('GET', '/health')) }];
  // Events take no idempotency key, so creating one has no replay.
  const event = await api.send('POST', '/api/events', eventBody('bench round trips'));
  if (event.status !== 201) throw new Error(`POST /api/events answered ${event.status} while counting round trips`);
  const eventId = String(event.body.id);
  rows.push({ request: 'POST /api/events', first: count(event) });
  rows.push({ request: 'GET /api/events/:id', first: count(await api.send('GET', `/api/events/${eventId}`)) });

  const lock = await twice('/api/locks', lockBody(eventId, 'bench-rt-lock'));
  rows.push({ request: 'POST /api/locks', first: count(lock.first), replay: count(lock.replay) });
  const booking = await twice('/api/bookings', { seatLockId: lock.first.body.id, idempotencyKey: 'bench-rt-booking' });
  rows.push({ request: 'POST /api/bookings', first: count(booking.first), replay: count(booking.replay) });
  const payment = await twice('/api/payments/intent', paymentBody(String(booking.first.body.id), 'bench-rt-payment'));
  rows.push({ request: 'POST /api/payments/intent', first: count(payment.first), replay: count(payment.replay) });
  return rows;
}
