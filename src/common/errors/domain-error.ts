/**
 * What went wrong, in the domain's words. The kind decides the HTTP status in one place (the problem
 * filter), so services never speak HTTP; the code is stable for clients to branch on.
 */
export type ErrorKind =
  | 'INVALID'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'KEY_REUSED'
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
    /**
     * A final business answer (seats unavailable): stored under the request's idempotency key and
     * replayed, like a success. Other errors release the key so the same request can be tried again.
     */
    readonly final = false,
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
  constructor(code: string, message: string, options: { retryAfterSeconds?: number; final?: boolean } = {}) {
    super('CONFLICT', code, message, options.retryAfterSeconds, options.final);
  }
}

export class InvalidRequestError extends DomainError {
  constructor(code: string, message: string) {
    super('INVALID', code, message);
  }
}
