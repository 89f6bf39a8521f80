/**
 * What went wrong, in the domain's words. The kind decides the HTTP status in one place (the problem
 * filter), so services never speak HTTP; the code is stable for clients to branch on.
 */
export type ErrorKind =
  | 'INVALID'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNPROCESSABLE'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'UPSTREAM_FAILED'
  | 'UPSTREAM_TIMEOUT'
  | 'UNAVAILABLE';

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    /** Seconds a client should wait before trying again, where waiting helps. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(resource: string, id: string) {
    super('NOT_FOUND', `${resource.toUpperCase()}.NOT_FOUND`, `${resource} ${id} does not exist`);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, options: { retryAfterSeconds?: number } = {}) {
    super('CONFLICT', code, message, options.retryAfterSeconds);
  }
}

/**
 * The request names by its own key something (a lock, a payment attempt) that was made for a different
 * request: same key, other seats or amount. Nothing is done for it.
 */
export class RequestMismatchError extends ConflictError {
  constructor(resource: string) {
    super('REQUEST.MISMATCH', `This key already made a ${resource} for a different request`);
  }
}

export class InvalidRequestError extends DomainError {
  constructor(code: string, message: string) {
    super('INVALID', code, message);
  }
}
