import { ConflictError } from '../../common/errors/domain-error';

export class JobAlreadyRunningError extends ConflictError {
  constructor(jobType: string, retryAfterSeconds: number) {
    super('JOB.ALREADY_RUNNING', `Another instance is already running ${jobType}`, { retryAfterSeconds });
  }
}
