import type { Model } from 'mongoose';

/**
 * Deletes one bounded batch of records whose `expiresAt` has passed: the work a TTL index does on
 * MongoDB, done by the expiry jobs where the server refuses TTL indexes (FerretDB).
 */
export async function purgeExpired<T>(model: Model<T>, now: Date, limit: number): Promise<number> {
  const expired = await model
    .find({ expiresAt: { $lte: now } })
    .select({ _id: 1 })
    .limit(limit)
    .lean<{ _id: unknown }[]>()
    .exec();
  if (expired.length === 0) return 0;
  const result = await model
    .deleteMany({ _id: { $in: expired.map((doc) => doc._id) }, expiresAt: { $lte: now } })
    .exec();
  return result.deletedCount;
}
