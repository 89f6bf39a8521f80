import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { IdempotentRequestDto } from '../../idempotency/idempotent-request.dto';

export class CreateBookingDto extends IdempotentRequestDto {
  @ApiProperty({ example: '665f1c2b9a7e4b0012345678', description: 'An ACTIVE seat lock' })
  @Matches(/^[0-9a-f]{24}$/i, { message: 'seatLockId must be an id' })
  seatLockId!: string;
}
