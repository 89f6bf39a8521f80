import { mongo } from 'mongoose';
import { isDuplicateKey } from './mongo-errors';

describe('isDuplicateKey', () => {
  it('reads MongoDB’s 11000 as a duplicate key', () => {
    expect(isDuplicateKey(new mongo.MongoServerError({ message: 'E11000 duplicate key error', code: 11000 }))).toBe(
      true,
    );
  });

  it('reads the embedded engine’s unique-index refusal of an update as a duplicate key too', () => {
    const refusal = new mongo.MongoServerError({
      message:
        "[msg_update.go:133 handler.(*Handler).updateDocument] constraint failed: UNIQUE constraint failed: index 'payment_attempts_ba7eef3c_bookingSlot_1' (2067)",
      code: 1,
      codeName: 'InternalError',
    });
    expect(isDuplicateKey(refusal)).toBe(true);
  });

  it('leaves every other error alone', () => {
    expect(isDuplicateKey(new mongo.MongoServerError({ message: 'something else broke', code: 1 }))).toBe(false);
    expect(isDuplicateKey(new mongo.MongoServerError({ message: 'UNIQUE constraint failed', code: 2 }))).toBe(false);
    expect(isDuplicateKey(new Error('UNIQUE constraint failed'))).toBe(false);
    expect(isDuplicateKey(undefined)).toBe(false);
  });
});
