import { ConflictError } from '../../common/errors/domain-error';

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
