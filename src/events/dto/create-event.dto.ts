import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsDateTime } from '../../common/validation/is-date-time';
import { IdempotentRequestDto } from '../../idempotency/idempotent-request.dto';
import { MAX_TOTAL_SEATS } from '../domain/event';

export class CreateEventDto extends IdempotentRequestDto {
  @ApiProperty({ example: 'Spring Concert' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ type: 'integer', example: 100 })
  @IsInt()
  @Min(1)
  @Max(MAX_TOTAL_SEATS)
  totalSeats!: number;

  @ApiProperty({ type: 'integer', description: 'Price of one seat in minor units (cents)', example: 2500 })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  price!: number;

  @ApiProperty({ example: '2030-06-01T19:00:00.000Z' })
  @IsDateTime()
  startsAt!: string;
}
