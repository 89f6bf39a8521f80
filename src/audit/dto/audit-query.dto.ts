import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const OBJECT_ID = /^[0-9a-f]{24}$/i;

export class AuditQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(OBJECT_ID, { message: 'bookingId must be an id' })
  bookingId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(OBJECT_ID, { message: 'lockId must be an id' })
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
