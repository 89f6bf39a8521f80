import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsObjectId } from '../../common/validation/is-object-id';
import { IdempotentRequestDto } from '../../idempotency/idempotent-request.dto';
import { REQUESTED_OUTCOMES, type RequestedOutcome } from '../domain/requested-outcome';

export class CreatePaymentIntentDto extends IdempotentRequestDto {
  @ApiProperty({ example: '665f1c2b9a7e4b0012345678' })
  @IsObjectId()
  bookingId!: string;

  @ApiProperty({
    description: 'Must equal the booking amount (minor units)',
    example: 5000,
    type: 'integer',
  })
  @IsInt()
  @Min(0)
  @Max(10_000_000_000)
  amount!: number;

  /** Defaulted here, so the request is fingerprinted with the outcome it will run with. */
  @ApiPropertyOptional({
    description:
      'Drives the simulated provider: success (charged), failure (declined, stored and replayed), provider_error ' +
      '(down before charging → 502, retry allowed), timeout_after_charge (charged but the answer is lost → 504; ' +
      'a retry with the same key finds the charge)',
  })
  @IsOptional()
  @IsIn(REQUESTED_OUTCOMES)
  force: RequestedOutcome = 'success';
}
