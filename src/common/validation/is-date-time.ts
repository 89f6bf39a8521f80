import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';

/**
 * The date-times `@IsISO8601({ strict: true })` accepts, which are fewer than RFC 3339's: upper-case
 * `T` and `Z`, no leap second, and no year below 0100 (its strict check goes through `Date`).
 */
const STRICT_ISO_DATE_TIME =
  '^(0[1-9][0-9]{2}|[1-9][0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$';

/** A strict ISO 8601 date-time, documented as exactly what it accepts (the Swagger plugin does not map this rule). */
export const IsDateTime = (): PropertyDecorator =>
  applyDecorators(IsISO8601({ strict: true }), ApiProperty({ format: 'date-time', pattern: STRICT_ISO_DATE_TIME }));
