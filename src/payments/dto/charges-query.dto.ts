import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class ChargesQueryDto {
  @ApiProperty()
  @Matches(/^[0-9a-f]{24}$/i, { message: 'bookingId must be an id' })
  bookingId!: string;
}
