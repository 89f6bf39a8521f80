import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { IDEMPOTENCY_KEY_PATTERN, IDEMPOTENCY_KEY_RULE } from './idempotency-key';

/** Base of every write's body: the key may come here or in the `Idempotency-Key` header. */
export class IdempotentRequestDto {
  @ApiPropertyOptional({
    description:
      'Idempotency key (1–255 printable ASCII, no leading or trailing space); alternatively the Idempotency-Key header',
    example: 'c0a8f3e2-booking-42',
    maxLength: 255,
    // The Swagger plugin reads only literal patterns, not this constant.
    pattern: IDEMPOTENCY_KEY_PATTERN.source,
  })
  @IsOptional()
  @IsString()
  @Matches(IDEMPOTENCY_KEY_PATTERN, { message: IDEMPOTENCY_KEY_RULE })
  idempotencyKey?: string;
}
