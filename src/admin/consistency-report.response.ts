import { ApiProperty } from '@nestjs/swagger';

export class ViolationResponse {
  @ApiProperty({ example: 'INVENTORY_MISMATCH' }) kind!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty() detail!: string;
}

export class ConsistencyReportResponse {
  @ApiProperty({ format: 'date-time' }) checkedAt!: Date;
  @ApiProperty() events!: number;
  @ApiProperty() locks!: number;
  @ApiProperty() bookings!: number;
  @ApiProperty({ type: [ViolationResponse], description: 'Empty when every invariant holds' })
  violations!: ViolationResponse[];
}
