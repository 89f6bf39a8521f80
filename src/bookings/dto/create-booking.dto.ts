import { ApiProperty } from '@nestjs/swagger';
import { IdempotentRequestDto } from '../../idempotency/idempotent-request.dto';
import { IsObjectId } from '../../common/validation/is-object-id';

export class CreateBookingDto extends IdempotentRequestDto {
  @ApiProperty({ example: '665f1c2b9a7e4b0012345678', description: 'An ACTIVE seat lock' })
  @IsObjectId()
  seatLockId!: string;
}
