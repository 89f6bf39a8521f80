import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AuditEntry } from '../domain/audit-entry';

export class AuditEntryResponse {
  @ApiProperty() id!: string;
  @ApiPropertyOptional() eventId?: string;
  @ApiPropertyOptional() bookingId?: string;
  @ApiPropertyOptional() lockId?: string;
  @ApiPropertyOptional() attemptId?: string;
  @ApiProperty({ example: 'LOCK_CREATED' }) action!: string;
  @ApiProperty({ type: String, nullable: true }) fromState!: string | null;
  @ApiProperty() toState!: string;
  @ApiProperty() correlationId!: string;
  @ApiProperty({ type: Object, example: { isRetry: false } }) metadata!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(entry: AuditEntry): AuditEntryResponse {
    return { ...entry, createdAt: entry.createdAt.toISOString() };
  }
}
