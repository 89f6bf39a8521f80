import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import { IdempotentRequestDto } from '../../idempotency/idempotent-request.dto';
import { MAX_TOTAL_SEATS } from '../domain/event';

export class CreateEventDto extends IdempotentRequestDto {
  @ApiProperty({ example: 'Spring Concert', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ minimum: 1, maximum: MAX_TOTAL_SEATS, example: 100 })
  @IsInt()
  @Min(1)
  @Max(MAX_TOTAL_SEATS)
  totalSeats!: number;

  @ApiProperty({ minimum: 0, description: 'Price of one seat in minor units (cents)', example: 2500 })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  price!: number;

  @ApiProperty({ format: 'date-time', example: '2030-06-01T19:00:00.000Z' })
  @IsISO8601({ strict: true })
  startsAt!: string;
}
