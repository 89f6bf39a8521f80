import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsObjectId } from '../../common/validation/is-object-id';

export class AuditQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsObjectId()
  bookingId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsObjectId()
  lockId?: string;

  @ApiPropertyOptional({ example: 'BOOKING_CREATED' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  action?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  isRetry?: boolean;
}
