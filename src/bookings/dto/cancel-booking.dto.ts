import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IdempotentRequestDto } from '../../idempotency/idempotent-request.dto';

export class CancelBookingDto extends IdempotentRequestDto {
  @ApiPropertyOptional({ example: 'Cannot attend' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
