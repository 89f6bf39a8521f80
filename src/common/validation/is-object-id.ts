import { Matches } from 'class-validator';

/** Ids are 24-hex strings (MongoDB ObjectIds); anything else is refused before it reaches a query. */
export const OBJECT_ID = /^[0-9a-f]{24}$/;

export const IsObjectId = (): PropertyDecorator =>
  Matches(OBJECT_ID, { message: ({ property }) => `${property} must be an id` });
