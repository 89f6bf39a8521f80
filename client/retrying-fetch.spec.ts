import { retryingFetch, type RetryEvent, type RetryingFetchOptions } from './retrying-fetch';

const URL_ = 'http://api.test/api/payments/intent';

type Reply = Response | Error | 'hang';

/** A transport that answers from a script, one reply per attempt, and keeps every request it saw. */
function scripted(...replies: Reply[]) {
  const seen: Request[] = [];
  const transport = jest.fn((request: Request): Promise<Response> => {
    seen.push(request);
    const reply = replies.shift() ?? new Response('{}', { status: 201 });
    if (reply === 'hang')
      return new Promise((_resolve, reject) =>
        request.signal.addEventListener('abort', () => reject(request.signal.reason as Error)),
      );
    return reply instanceof Error ? Promise.reject(reply) : Promise.resolve(reply);
  });
  return { transport, seen };
}

const problem = (status: number, code: string, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ status, code }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
const dropped = () => new TypeError('fetch failed');

function client(transport: (request: Request) => Promise<Response>, options: RetryingFetchOptions = {}) {
  const retries: RetryEvent[] = [];
  let keys = 0;
  const send = retryingFetch({
    fetch: transport,
    newKey: () => `key-${++keys}`,
    random: () => 0.5,
    onRetry: (event) => retries.push(event),
    ...options,
  });
  return { send, retries };
}

const post = (body: object = { bookingId: 'b', amount: 100 }, init: RequestInit = {}) =>
  new Request(URL_, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
    ...init,
  });

/** Lets every pending timer and promise run, as much virtual time as the retries need. */
async function settle<T>(pending: Promise<T>): Promise<T> {
  const outcome = pending.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await jest.runAllTimersAsync();
  const result = await outcome;
  if ('error' in result) throw result.error;
  return result.value;
}

describe('retryingFetch', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-12-01T00:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('gives a write one key and sends that same key and body with every retry', async () => {
    const { transport, seen } = scripted(
      dropped(),
      problem(503, 'DATABASE.UNAVAILABLE'),
      new Response('{}', { status: 201 }),
    );
    const { send, retries } = client(transport);

    const response = await settle(send(post()));

    expect(response.status).toBe(201);
    expect(seen.map((r) => r.headers.get('Idempotency-Key'))).toEqual(['key-1', 'key-1', 'key-1']);
    expect(await Promise.all(seen.map((r) => r.text()))).toEqual(Array(3).fill('{"bookingId":"b","amount":100}'));
    expect(retries.map((r) => [r.attempt, r.reason, r.status, r.key])).toEqual([
      [1, 'network', undefined, 'key-1'],
      [2, 'unavailable', 503, 'key-1'],
    ]);
  });

  it('gives each logical operation its own key', async () => {
    const { transport, seen } = scripted();
    const { send } = client(transport);
    await settle(send(post()));
    await settle(send(post()));
    expect(seen.map((r) => r.headers.get('Idempotency-Key'))).toEqual(['key-1', 'key-2']);
  });

  it('keeps the caller’s key, from the header or from the body', async () => {
    const { transport, seen } = scripted(dropped(), new Response('{}', { status: 201 }), dropped());
    const { send } = client(transport);
    await settle(send(post({ bookingId: 'b' }, { headers: { 'Idempotency-Key': 'kept-across-reloads' } })));
    await settle(send(post({ bookingId: 'b', idempotencyKey: 'in-the-body' })));
    expect(seen.map((r) => r.headers.get('Idempotency-Key'))).toEqual([
      'kept-across-reloads',
      'kept-across-reloads',
      'in-the-body',
      'in-the-body',
    ]);
  });

  it('sends no key with a read', async () => {
    const { transport, seen } = scripted(dropped());
    const { send } = client(transport);
    await settle(send(new Request('http://api.test/api/events/e1')));
    expect(seen).toHaveLength(2);
    expect(seen.every((r) => !r.headers.has('Idempotency-Key'))).toBe(true);
  });

  it.each([502, 503, 504])('retries a %i', async (status) => {
    const { transport } = scripted(problem(status, 'X'));
    const { send } = client(transport);
    expect((await settle(send(post()))).status).toBe(201);
    expect(transport).toHaveBeenCalledTimes(2);
  });

  it.each([
    [400, 'REQUEST.INVALID'],
    [404, 'BOOKING.NOT_FOUND'],
    [409, 'BOOKING.NOT_PAYABLE'],
    [422, 'IDEMPOTENCY.KEY_REUSED'],
  ])('never retries a %i (%s): the same request would get the same answer', async (status, code) => {
    const { transport } = scripted(problem(status, code));
    const { send, retries } = client(transport);
    const response = await settle(send(post()));
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ code });
    expect(transport).toHaveBeenCalledTimes(1);
    expect(retries).toEqual([]);
  });

  it('waits out Retry-After on 409 IDEMPOTENCY.IN_PROGRESS before asking again', async () => {
    const { transport } = scripted(problem(409, 'IDEMPOTENCY.IN_PROGRESS', { 'Retry-After': '2' }));
    const { send, retries } = client(transport);
    const pending = send(post());

    await jest.advanceTimersByTimeAsync(1999);
    expect(transport).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(transport).toHaveBeenCalledTimes(2);
    expect((await pending).status).toBe(201);
    expect(retries).toMatchObject([{ reason: 'in-progress', status: 409, delayMs: 2000 }]);
  });

  it('backs off exponentially with full jitter, up to the ceiling', async () => {
    const draws = [0.5, 0.5, 0.5, 0.5, 0.999];
    const { transport } = scripted(...Array<Reply>(5).fill(dropped()));
    const { send, retries } = client(transport, {
      random: () => draws.shift()!,
      policy: { baseDelayMs: 100, maxDelayMs: 1000, maxAttempts: 6 },
    });
    await settle(send(post()));
    // Ceilings 100, 200, 400, 800, 1000 (capped); each wait a uniform draw below its ceiling.
    expect(retries.map((r) => r.delayMs)).toEqual([50, 100, 200, 400, 999]);
  });

  it('stops after maxAttempts and hands over the last answer', async () => {
    const { transport } = scripted(...Array<Reply>(10).fill(problem(503, 'DATABASE.UNAVAILABLE')));
    const { send } = client(transport, { policy: { maxAttempts: 3 } });
    expect((await settle(send(post()))).status).toBe(503);
    expect(transport).toHaveBeenCalledTimes(3);
  });

  it('starts no wait that would end past maxElapsedMs, and rethrows the last network error', async () => {
    const { transport } = scripted(...Array<Reply>(10).fill(dropped()));
    const { send, retries } = client(transport, {
      random: () => 0.999,
      policy: { baseDelayMs: 1000, maxDelayMs: 1000, maxAttempts: 10, maxElapsedMs: 2500 },
    });
    await expect(settle(send(post()))).rejects.toThrow('fetch failed');
    expect(retries.map((r) => r.delayMs)).toEqual([999, 999]);
    expect(transport).toHaveBeenCalledTimes(3);
  });

  it('abandons an attempt that does not answer in time and retries it with the same key', async () => {
    const { transport, seen } = scripted('hang');
    const { send, retries } = client(transport, { policy: { attemptTimeoutMs: 5000 } });
    const pending = send(post());

    await jest.advanceTimersByTimeAsync(4999);
    expect(transport).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(seen[0].signal.aborted).toBe(true);
    expect((await settle(pending)).status).toBe(201);
    expect(retries).toMatchObject([{ reason: 'timeout', attempt: 1 }]);
    expect(seen.map((r) => r.headers.get('Idempotency-Key'))).toEqual(['key-1', 'key-1']);
  });

  it('stops at once when the caller aborts, during an attempt or a wait', async () => {
    const during = scripted('hang');
    const controller = new AbortController();
    const first = client(during.transport).send(post({}, { signal: controller.signal }));
    const firstOutcome = expect(first).rejects.toThrow('left the page');
    await jest.advanceTimersByTimeAsync(10);
    controller.abort(new Error('left the page'));
    await firstOutcome;
    expect(during.transport).toHaveBeenCalledTimes(1);

    const waiting = scripted(problem(503, 'DATABASE.UNAVAILABLE', { 'Retry-After': '30' }));
    const second = new AbortController();
    const pending = client(waiting.transport).send(post({}, { signal: second.signal }));
    const secondOutcome = expect(pending).rejects.toThrow('gave up');
    await jest.advanceTimersByTimeAsync(1000);
    second.abort(new Error('gave up'));
    await secondOutcome;
    await jest.runAllTimersAsync();
    expect(waiting.transport).toHaveBeenCalledTimes(1);
  });

  it('sends the bearer token with every attempt, asking a token function each time', async () => {
    const tokens = ['first', 'refreshed'];
    const { transport, seen } = scripted(dropped());
    const { send } = client(transport, { token: () => tokens.shift() });
    await settle(send(post()));
    expect(seen.map((r) => r.headers.get('Authorization'))).toEqual(['Bearer first', 'Bearer refreshed']);

    const fixed = scripted();
    await settle(client(fixed.transport, { token: 'static' }).send(post()));
    expect(fixed.seen[0].headers.get('Authorization')).toBe('Bearer static');
  });
});
