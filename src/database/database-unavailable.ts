import { Injectable } from '@nestjs/common';
import { Error as MongooseError, mongo } from 'mongoose';
import { DomainError } from '../common/errors/domain-error';
import { ErrorTranslator } from '../common/errors/error-translator';

export class DatabaseUnavailableError extends DomainError {
  constructor() {
    super('UNAVAILABLE', 'DATABASE.UNAVAILABLE', 'The database cannot be reached; try again shortly', 1);
  }
}

export function isDatabaseUnavailable(error: unknown): boolean {
  if (
    error instanceof MongooseError &&
    /before initial connection|buffering timed out|not connected/i.test(error.message)
  ) {
    return true;
  }
  // A connection the engine closed between two commands surfaces as the socket's own error, unwrapped.
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EPIPE' || code === 'ECONNRESET' || code === 'ECONNREFUSED') return true;
  if (!(error instanceof mongo.MongoError)) return false;
  // Every network failure (pool cleared on one included) and every failure to reach or keep a server.
  return (
    error instanceof mongo.MongoNetworkError ||
    /^Mongo(ServerSelection|NotConnected|TopologyClosed|ServerClosed|PoolClosed|PoolCleared|WaitQueueTimeout)Error$/.test(
      error.name,
    )
  );
}

/** A database that cannot be reached is an outage the client may wait out (503 with Retry-After), not a bug. */
@Injectable()
export class DatabaseErrorTranslator extends ErrorTranslator {
  translate(error: unknown): DomainError | undefined {
    return isDatabaseUnavailable(error) ? new DatabaseUnavailableError() : undefined;
  }
}
