import { BadRequestException, HttpStatus, Logger, NotFoundException, type ArgumentsHost } from '@nestjs/common';
import { DomainError, type ErrorKind } from './domain-error';
import type { ErrorTranslator } from './error-translator';
import { ProblemDetailsFilter, toProblem } from './problem-details.filter';

const CORRELATION_ID = 'corr-123';
/** An adapter that knows no error of its own. */
const noAdapterErrors: ErrorTranslator = { translate: () => undefined };

describe('toProblem', () => {
  it.each<[ErrorKind, number, string]>([
    ['INVALID', 400, 'Bad request'],
    ['UNAUTHORIZED', 401, 'Unauthorized'],
    ['NOT_FOUND', 404, 'Not found'],
    ['CONFLICT', 409, 'Conflict'],
    ['UNPROCESSABLE', 422, 'Unprocessable entity'],
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
    const sut = new ProblemDetailsFilter(noAdapterErrors);
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
    const sut = new ProblemDetailsFilter(noAdapterErrors);
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
    const sut = new ProblemDetailsFilter(noAdapterErrors);
    const { host, response } = fakeHost(true);

    sut.catch(new Error('late failure'), host);

    expect(response.body).toBeUndefined();
    expect(response.statusCode).toBe(200);
  });

  it('answers an adapter error with the domain error its adapter translates it to', () => {
    const translated = new DomainError('UNAVAILABLE', 'DATABASE.UNAVAILABLE', 'The database cannot be reached', 1);
    const sut = new ProblemDetailsFilter({ translate: (error) => (error === driverError ? translated : undefined) });
    const driverError = new Error('connect ECONNREFUSED 10.0.0.5:27017');
    const { host, response } = fakeHost();

    sut.catch(driverError, host);

    expect(response.statusCode).toBe(HttpStatus.SERVICE_UNAVAILABLE);
    expect(response.headers['Retry-After']).toBe('1');
    expect(response.body).not.toContain('10.0.0.5');
    expect(JSON.parse(response.body!)).toMatchObject({ status: 503, code: 'DATABASE.UNAVAILABLE' });
  });
});
