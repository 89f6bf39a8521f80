import { ConflictError, DomainError, InvalidRequestError } from '../../common/errors/domain-error';

export class SeatsUnavailableError extends ConflictError {
  constructor(requested: number, available: number) {
    super('SEATS.UNAVAILABLE', `${requested} seat(s) requested but only ${available} available`);
  }
}

export class LockNotActiveError extends ConflictError {
  constructor(lockId: string, status: string) {
    super('LOCK.NOT_ACTIVE', `Lock ${lockId} is ${status}`);
  }
}

/**
 * The request took its seats but stalled so long that the reconcile pass gave them back and fenced its
 * lock id. Nothing is held; the same request may simply be sent again.
 */
export class LockAttemptAbandonedError extends DomainError {
  constructor() {
    super('UNAVAILABLE', 'LOCK.ATTEMPT_ABANDONED', 'The request stalled and was rolled back; send it again', 1);
  }
}

/** With identity off nobody is known from a token, so the request itself must name the lock's owner. */
export class UserIdRequiredError extends InvalidRequestError {
  constructor() {
    super('LOCK.USER_REQUIRED', 'userId is required while the service runs without identity (no AUTH_ISSUER)');
  }
}
