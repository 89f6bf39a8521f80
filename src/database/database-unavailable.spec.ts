import { Error as MongooseError, mongo } from 'mongoose';
import { toProblem } from '../common/errors/problem-details.filter';
import { DatabaseErrorTranslator } from './database-unavailable';

type TopologyDescription = ConstructorParameters<typeof mongo.MongoServerSelectionError>[1];

const CORRELATION_ID = 'corr-123';
const INTERNAL_DETAIL = 'connect ECONNREFUSED 10.0.0.5:27017';

describe('DatabaseErrorTranslator.translate', () => {
  const sut = new DatabaseErrorTranslator();

  it.each([
    ['a server-selection error', () => new mongo.MongoServerSelectionError(INTERNAL_DETAIL, {} as TopologyDescription)],
    ['a network error', () => new mongo.MongoNetworkError(INTERNAL_DETAIL)],
    ['a network timeout', () => new mongo.MongoNetworkTimeoutError(INTERNAL_DETAIL)],
    ['a closed topology', () => new mongo.MongoTopologyClosedError(INTERNAL_DETAIL)],
    ['a client that is not connected', () => new mongo.MongoNotConnectedError(INTERNAL_DETAIL)],
    ['a socket the engine closed', () => Object.assign(new Error(INTERNAL_DETAIL), { code: 'ECONNRESET' })],
  ])('answers %s from the driver as 503 DATABASE.UNAVAILABLE with a retry hint', (_name, make) => {
    const { problem, retryAfter } = toProblem(sut.translate(make()), CORRELATION_ID);

    expect(problem).toMatchObject({ status: 503, code: 'DATABASE.UNAVAILABLE', correlationId: CORRELATION_ID });
    expect(JSON.stringify(problem)).not.toContain('10.0.0.5');
    expect(retryAfter).toBe(1);
  });

  it('answers mongoose refusing to run before the connection is up as 503', () => {
    const error = new MongooseError('Cannot call `bookings.findOne()` before initial connection is complete');

    expect(toProblem(sut.translate(error), CORRELATION_ID).problem.status).toBe(503);
  });

  it('leaves a database error about the data itself alone', () => {
    const duplicate = new mongo.MongoServerError({ message: 'E11000 duplicate key error', code: 11000 });

    expect(sut.translate(duplicate)).toBeUndefined();
  });
});
