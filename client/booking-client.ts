import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './generated/api';
import { retryingFetch, type RetryingFetchOptions } from './retrying-fetch';

export type BookingClient = Client<paths>;
export type Schemas = components['schemas'];

export interface BookingClientOptions extends RetryingFetchOptions {
  /** Where the API answers, e.g. http://127.0.0.1:3000 (a page on the same origin passes location.origin). */
  baseUrl: string;
}

/**
 * The typed client: every path, parameter, body and answer comes from the generated OpenAPI types, and
 * every call goes through the retry policy (one idempotency key per call, kept across its retries). To
 * keep a key across a page reload, pass it: `headers: { 'Idempotency-Key': key }`.
 */
export function createBookingClient(options: BookingClientOptions): BookingClient {
  return createClient<paths>({ baseUrl: options.baseUrl, fetch: retryingFetch(options) });
}

/** Whether the server answered from its idempotency store: the operation had already been applied. */
export function wasReplayed(response: Response): boolean {
  return response.headers.get('Idempotent-Replayed') === 'true';
}
