import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHARGE_STATUSES } from '../domain/charge-result';
import { LEDGER_ENTRY_TYPES, type LedgerEntry } from '../provider/payment-provider';

export class LedgerEntryResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: LEDGER_ENTRY_TYPES }) type!: string;
  @ApiProperty({ enum: CHARGE_STATUSES, description: 'Only SUCCEEDED entries moved money' })
  status!: string;
  @ApiProperty() bookingId!: string;
  @ApiProperty() amount!: number;
  @ApiPropertyOptional({ description: 'For a refund, the charge it returns' }) chargeId?: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(entry: LedgerEntry): LedgerEntryResponse {
    return { ...entry, createdAt: entry.createdAt.toISOString() };
  }
}
