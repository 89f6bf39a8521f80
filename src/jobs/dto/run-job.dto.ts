import { IdempotentRequestDto } from '../../idempotency/idempotent-request.dto';

export class RunJobDto extends IdempotentRequestDto {}
