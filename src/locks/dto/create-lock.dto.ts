import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IdempotentRequestDto } from '../../idempotency/idempotent-request.dto';
import { MAX_SEATS_PER_LOCK } from '../domain/seat-lock';
import { IsObjectId } from '../../common/validation/is-object-id';

export class CreateLockDto extends IdempotentRequestDto {
  @ApiProperty({ example: '665f1c2b9a7e4b0012345678' })
  @IsObjectId()
  eventId!: string;

  @ApiPropertyOptional({
    example: 'user-42',
    description:
      "The lock's owner: the token's subject, which this may only repeat; required when the service runs without identity",
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  userId?: string;

  @ApiProperty({ type: 'integer', example: 2 })
  @IsInt()
  @Min(1)
  @Max(MAX_SEATS_PER_LOCK)
  seats!: number;
}
