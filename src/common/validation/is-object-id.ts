import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/**
 * Ids are 24 lower-case hex characters (MongoDB ObjectIds), one spelling only: an upper-case id is refused
 * rather than stored or looked up under a second spelling of the same id.
 */
export const OBJECT_ID_PATTERN = '^[0-9a-f]{24}$';
export const OBJECT_ID = new RegExp(OBJECT_ID_PATTERN);

/** The rule and its schema in one place: the Swagger plugin reads only literal patterns, not this constant. */
export const IsObjectId = (): PropertyDecorator =>
  applyDecorators(
    Matches(OBJECT_ID, { message: ({ property }) => `${property} must be an id: 24 lower-case hex characters` }),
    ApiProperty({ pattern: OBJECT_ID_PATTERN }),
  );
