import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { queryInteger } from '../../common/validation/query-integer';
import { IsObjectId, OBJECT_ID_PATTERN } from '../../common/validation/is-object-id';

export const MAX_LEDGER_ENTRIES = 200;

export class ChargesQueryDto {
  @ApiProperty({ pattern: OBJECT_ID_PATTERN })
  @IsObjectId()
  bookingId!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_LEDGER_ENTRIES, default: 100 })
  @IsOptional()
  @Transform(queryInteger)
  @IsInt()
  @Min(1)
  @Max(MAX_LEDGER_ENTRIES)
  limit: number = 100;
}
