import { ApiProperty } from '@nestjs/swagger';

export class ViolationResponse {
  @ApiProperty({ example: 'INVENTORY_MISMATCH' }) kind!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty() detail!: string;
}

export class OwedWorkResponse extends ViolationResponse {
  @ApiProperty({ description: 'How long the work has been owed, by the checking instance clock' })
  ageSeconds!: number;
  @ApiProperty({ example: 'reconcile pass', description: 'What finishes it' })
  finishedBy!: string;
}

export class ConsistencyReportResponse {
  @ApiProperty({ format: 'date-time' }) checkedAt!: Date;
  @ApiProperty() events!: number;
  @ApiProperty() locks!: number;
  @ApiProperty() bookings!: number;
  @ApiProperty({
    type: [ViolationResponse],
    description:
      'Broken invariants, and owed work older than owedOverdueAfterSeconds. Empty when every invariant holds',
  })
  violations!: ViolationResponse[];
  @ApiProperty({
    type: [OwedWorkResponse],
    description:
      'Work a stored document owes (follow-ups, seat moves in flight, a pending refund): pending, not broken',
  })
  owed!: OwedWorkResponse[];
  @ApiProperty({ description: 'RECONCILE_AFTER_SECONDS plus the longest gap between two job runs (JOBS_CRON)' })
  owedOverdueAfterSeconds!: number;
}
