import { ConflictError, DomainError, InvalidRequestError } from '../common/errors/domain-error';

export class IdempotencyKeyReusedError extends DomainError {
  constructor() {
    super('UNPROCESSABLE', 'IDEMPOTENCY.KEY_REUSED', 'This idempotency key was already used with a different request');
  }
}

export class RequestInProgressError extends ConflictError {
  constructor(retryAfterSeconds: number) {
    super('IDEMPOTENCY.IN_PROGRESS', 'A request with this idempotency key is still being processed', {
      retryAfterSeconds,
    });
  }
}

export class InvalidIdempotencyKeyError extends InvalidRequestError {
  constructor(detail: string) {
    super('IDEMPOTENCY.KEY_INVALID', detail);
  }
}
