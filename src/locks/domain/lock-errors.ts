import { ConflictError, DomainError } from '../../common/errors/domain-error';

export class SeatsUnavailableError extends ConflictError {
  constructor(requested: number, available: number) {
    super('SEATS.UNAVAILABLE', `${requested} seat(s) requested but only ${available} available`, { final: true });
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
