import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { LedgerEntry } from '../provider/payment-provider';

export class LedgerEntryResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['CHARGE', 'REFUND'] }) type!: string;
  @ApiProperty({ enum: ['SUCCEEDED', 'DECLINED', 'VOIDED'], description: 'Only SUCCEEDED entries moved money' })
  status!: string;
  @ApiProperty() bookingId!: string;
  @ApiProperty() amount!: number;
  @ApiPropertyOptional({ description: 'For a refund, the charge it returns' }) chargeId?: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(entry: LedgerEntry): LedgerEntryResponse {
    return { ...entry, createdAt: entry.createdAt.toISOString() };
  }
}
