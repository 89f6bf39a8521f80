import { IdempotentRequestDto } from '../../idempotency/idempotent-request.dto';

export class ReleaseLockDto extends IdempotentRequestDto {}
