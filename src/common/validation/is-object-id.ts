import { Matches } from 'class-validator';

/**
 * Ids are 24 lower-case hex characters (MongoDB ObjectIds), one spelling only: an upper-case id is refused
 * rather than stored or looked up under a second spelling of the same id.
 */
export const OBJECT_ID_PATTERN = '^[0-9a-f]{24}$';
export const OBJECT_ID = new RegExp(OBJECT_ID_PATTERN);

export const IsObjectId = (): PropertyDecorator =>
  Matches(OBJECT_ID, { message: ({ property }) => `${property} must be an id: 24 lower-case hex characters` });
