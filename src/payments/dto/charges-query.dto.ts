import { ApiProperty } from '@nestjs/swagger';
import { IsObjectId } from '../../common/validation/is-object-id';

export class ChargesQueryDto {
  @ApiProperty()
  @IsObjectId()
  bookingId!: string;
}
