import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { queryInteger } from '../../common/validation/query-integer';
import { IsObjectId } from '../../common/validation/is-object-id';

export const MAX_LEDGER_ENTRIES = 200;

export class ChargesQueryDto {
  @IsObjectId()
  bookingId!: string;

  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @Transform(queryInteger)
  @IsInt()
  @Min(1)
  @Max(MAX_LEDGER_ENTRIES)
  limit: number = 100;
}
