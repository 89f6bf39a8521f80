import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { queryInteger } from '../../common/validation/query-integer';
import { IsObjectId } from '../../common/validation/is-object-id';

export const MAX_AUDIT_PAGE = 500;

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
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  isRetry?: boolean;

  @ApiPropertyOptional({ type: 'integer', description: 'Entries per page' })
  @IsOptional()
  @Transform(queryInteger)
  @IsInt()
  @Min(1)
  @Max(MAX_AUDIT_PAGE)
  limit: number = 100;

  @ApiPropertyOptional({ description: 'The X-Next-Cursor header of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be a cursor this API returned' })
  cursor?: string;
}
