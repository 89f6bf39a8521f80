import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AuditEntry } from '../domain/audit-entry';

/**
 * The subject ids an entry does not have are absent or null (the driver stores an undefined field as null),
 * so they are declared nullable: a client must accept both.
 */
export class AuditEntryResponse {
  @ApiProperty() id!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) eventId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) bookingId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) lockId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) attemptId?: string | null;
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
