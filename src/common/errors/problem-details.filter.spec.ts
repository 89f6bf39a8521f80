import { BadRequestException, HttpStatus, Logger, NotFoundException, type ArgumentsHost } from '@nestjs/common';
import { Error as MongooseError, mongo } from 'mongoose';
import { DomainError, type ErrorKind } from './domain-error';
import { isDatabaseUnavailable, ProblemDetailsFilter, toProblem } from './problem-details.filter';

type TopologyDescription = ConstructorParameters<typeof mongo.MongoServerSelectionError>[1];

const CORRELATION_ID = 'corr-123';
const INTERNAL_DETAIL = 'connect ECONNREFUSED 10.0.0.5:27017';

describe('toProblem', () => {
  it.each<[ErrorKind, number, string]>([
    ['INVALID', 400, 'Bad request'],
    ['UNAUTHORIZED', 401, 'Unauthorized'],
    ['NOT_FOUND', 404, 'Not found'],
    ['CONFLICT', 409, 'Conflict'],
    ['KEY_REUSED', 422, 'Unprocessable entity'],
    ['UPSTREAM_FAILED', 502, 'Bad gateway'],
    ['UPSTREAM_TIMEOUT', 504, 'Gateway timeout'],
    ['UNAVAILABLE', 503, 'Service unavailable'],
  ])('maps a %s domain error to %i', (kind, status, title) => {
    const { problem } = toProblem(new DomainError(kind, 'SOME.CODE', 'what happened'), CORRELATION_ID);

    expect(problem).toEqual({
      type: `https://httpstatuses.io/${status}`,
      title,
      status,
      detail: 'what happened',
      code: 'SOME.CODE',
      correlationId: CORRELATION_ID,
    });
  });

  it('passes a domain error’s retry hint on', () => {
    expect(toProblem(new DomainError('CONFLICT', 'X.BUSY', 'busy', 7), CORRELATION_ID).retryAfter).toBe(7);
    expect(toProblem(new DomainError('CONFLICT', 'X.BUSY', 'busy'), CORRELATION_ID).retryAfter).toBeUndefined();
  });

  it.each([
    ['a server-selection error', () => new mongo.MongoServerSelectionError(INTERNAL_DETAIL, {} as TopologyDescription)],
    ['a network error', () => new mongo.MongoNetworkError(INTERNAL_DETAIL)],
    ['a network timeout', () => new mongo.MongoNetworkTimeoutError(INTERNAL_DETAIL)],
    ['a closed topology', () => new mongo.MongoTopologyClosedError(INTERNAL_DETAIL)],
    ['a client that is not connected', () => new mongo.MongoNotConnectedError(INTERNAL_DETAIL)],
  ])('maps %s from the driver to 503 DATABASE.UNAVAILABLE with a retry hint', (_name, make) => {
    const { problem, retryAfter } = toProblem(make(), CORRELATION_ID);

    expect(problem).toMatchObject({ status: 503, code: 'DATABASE.UNAVAILABLE', correlationId: CORRELATION_ID });
    expect(JSON.stringify(problem)).not.toContain('10.0.0.5');
    expect(retryAfter).toBe(1);
  });

  it('maps mongoose refusing to run before the connection is up to 503', () => {
    const error = new MongooseError('Cannot call `bookings.findOne()` before initial connection is complete');
    expect(toProblem(error, CORRELATION_ID).problem.status).toBe(503);
  });

  it('does not treat a database error about the data itself as an outage', () => {
    const duplicate = new mongo.MongoServerError({ message: 'E11000 duplicate key error', code: 11000 });

    expect(isDatabaseUnavailable(duplicate)).toBe(false);
    expect(toProblem(duplicate, CORRELATION_ID).problem).toMatchObject({ status: 500, code: 'INTERNAL' });
  });

  it('turns an unknown error into a 500 whose detail does not leak the message', () => {
    const { problem, retryAfter } = toProblem(
      new Error('secret connection string mongodb://admin:pw@db'),
      CORRELATION_ID,
    );

    expect(problem).toEqual({
      type: 'https://httpstatuses.io/500',
      title: 'Internal server error',
      status: 500,
      detail: 'An unexpected error occurred',
      code: 'INTERNAL',
      correlationId: CORRELATION_ID,
    });
    expect(JSON.stringify(problem)).not.toContain('secret');
    expect(retryAfter).toBeUndefined();
  });

  it.each([['a string'], [undefined], [null], [{ message: 'not an error' }]])(
    'turns a thrown non-error %p into a 500',
    (thrown) => {
      expect(toProblem(thrown, CORRELATION_ID).problem).toMatchObject({ status: 500, code: 'INTERNAL' });
    },
  );

  it('maps framework HTTP exceptions with their status and a stable code', () => {
    const invalid = toProblem(
      new BadRequestException(['seats must be an integer', 'eventId is required']),
      CORRELATION_ID,
    );
    const missing = toProblem(new NotFoundException('Cannot GET /nope'), CORRELATION_ID);

    expect(invalid.problem).toMatchObject({
      status: 400,
      code: 'REQUEST.INVALID',
      detail: 'seats must be an integer; eventId is required',
    });
    expect(missing.problem).toMatchObject({ status: 404, code: 'ROUTE.NOT_FOUND', detail: 'Cannot GET /nope' });
  });
});

const fakeHost = (headersSent = false) => {
  const response = {
    headersSent,
    headers: {} as Record<string, string>,
    statusCode: 200,
    contentType: '',
    body: undefined as string | undefined,
    setHeader(name: string, value: string) {
      this.headers[name] = value;
      return this;
    },
    status(code: number) {
      this.statusCode = code;
      return this;
    },
    type(value: string) {
      this.contentType = value;
      return this;
    },
    send(body: string) {
      this.body = body;
      return this;
    },
  };
  const request = { method: 'POST', url: '/bookings', headers: { 'x-correlation-id': CORRELATION_ID } };
  const host = {
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
  } as unknown as ArgumentsHost;
  return { host, response };
};

describe('toProblem, for errors of the body parser', () => {
  /** What body-parser throws (an http-errors error) before any route runs. */
  const parserError = (status: number, message: string, expose = status < 500) =>
    Object.assign(new Error(message), { status, statusCode: status, expose, type: 'entity.too.large' });

  it('maps a body that is too large to 413 REQUEST.TOO_LARGE with the parser’s message', () => {
    const { problem, retryAfter } = toProblem(parserError(413, 'request entity too large'), CORRELATION_ID);

    expect(problem).toEqual({
      type: 'https://httpstatuses.io/413',
      title: 'Payload too large',
      status: 413,
      detail: 'request entity too large',
      code: 'REQUEST.TOO_LARGE',
      correlationId: CORRELATION_ID,
    });
    expect(retryAfter).toBeUndefined();
  });

  it.each<[number, string]>([
    [400, 'REQUEST.INVALID'],
    [415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE'],
    [422, 'HTTP.422'],
  ])('maps a parser client error %i to its code %s', (status, code) => {
    expect(toProblem(parserError(status, 'refused'), CORRELATION_ID).problem).toMatchObject({
      status,
      code,
      detail: 'refused',
    });
  });

  it('keeps an error whose message is not safe to show (expose false) a 500 that leaks nothing', () => {
    const { problem } = toProblem(parserError(413, 'secret internals', false), CORRELATION_ID);

    expect(problem).toMatchObject({ status: 500, code: 'INTERNAL' });
    expect(JSON.stringify(problem)).not.toContain('secret');
  });

  it('keeps a server-side status a 500, even if marked safe to show', () => {
    expect(toProblem(parserError(502, 'secret upstream', true), CORRELATION_ID).problem).toMatchObject({
      status: 500,
      code: 'INTERNAL',
    });
  });

  it('writes the 413 as problem+json through the filter', () => {
    const sut = new ProblemDetailsFilter();
    const { host, response } = fakeHost();

    sut.catch(parserError(413, 'request entity too large'), host);

    expect(response.statusCode).toBe(413);
    expect(response.contentType).toBe('application/problem+json');
    expect(JSON.parse(response.body!)).toMatchObject({
      status: 413,
      code: 'REQUEST.TOO_LARGE',
      correlationId: CORRELATION_ID,
    });
  });
});

describe('ProblemDetailsFilter.catch', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('writes a problem+json body with the caller’s correlation id and a Retry-After header', () => {
    const sut = new ProblemDetailsFilter();
    const { host, response } = fakeHost();

    sut.catch(new DomainError('CONFLICT', 'IDEMPOTENCY.IN_PROGRESS', 'still running', 2), host);

    expect(response.statusCode).toBe(HttpStatus.CONFLICT);
    expect(response.contentType).toBe('application/problem+json');
    expect(response.headers['Retry-After']).toBe('2');
    expect(JSON.parse(response.body!)).toMatchObject({
      status: 409,
      code: 'IDEMPOTENCY.IN_PROGRESS',
      correlationId: CORRELATION_ID,
    });
  });

  it('writes nothing once the response has started', () => {
    const sut = new ProblemDetailsFilter();
    const { host, response } = fakeHost(true);

    sut.catch(new Error('late failure'), host);

    expect(response.body).toBeUndefined();
    expect(response.statusCode).toBe(200);
  });
});
