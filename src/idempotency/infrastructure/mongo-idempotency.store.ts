import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isDuplicateKey } from '../../database/mongo-errors';
import { purgeExpired } from '../../database/purge-expired';
import type { IdempotencyRecord, StoredResponse } from '../idempotency-record';
import { IdempotencyStore } from '../idempotency.store';
import { IdempotencyRecordDocument } from './idempotency-record.schema';

const idOf = (scope: string, key: string) => `${scope} ${key}`;
const withoutId = ({ _id, ...record }: IdempotencyRecordDocument): IdempotencyRecord => record;

@Injectable()
export class MongoIdempotencyStore extends IdempotencyStore {
  constructor(@InjectModel(IdempotencyRecordDocument.name) private readonly records: Model<IdempotencyRecordDocument>) {
    super();
  }

  async claim(record: IdempotencyRecord): Promise<IdempotencyRecord | undefined> {
    const _id = idOf(record.scope, record.key);
    for (;;) {
      try {
        // The pre-image: null when this call inserted the claim, else the record that holds the key.
        const before = await this.records
          .findOneAndUpdate({ _id }, { $setOnInsert: { _id, ...record } }, { upsert: true, new: false })
          .lean<IdempotencyRecordDocument>()
          .exec();
        return before ? withoutId(before) : undefined;
      } catch (error) {
        // Two upserts of one new key: one inserts, the other is told so and reads the winner's record.
        if (!isDuplicateKey(error)) throw error;
      }
    }
  }

  async replaceExpired(record: IdempotencyRecord, now: Date): Promise<boolean> {
    const result = await this.records
      .replaceOne(
        { _id: idOf(record.scope, record.key), expiresAt: { $lte: now } },
        { _id: idOf(record.scope, record.key), ...record },
      )
      .exec();
    return result.modifiedCount === 1;
  }

  async takeOver(record: IdempotencyRecord, staleToken: string, lapsedBy: Date): Promise<boolean> {
    const result = await this.records
      .updateOne(
        {
          _id: idOf(record.scope, record.key),
          state: 'IN_PROGRESS',
          leaseToken: staleToken,
          leaseUntil: { $lte: lapsedBy },
        },
        { $set: { leaseToken: record.leaseToken, leaseUntil: record.leaseUntil } },
      )
      .exec();
    return result.modifiedCount === 1;
  }

  async renew(scope: string, key: string, token: string, leaseUntil: Date): Promise<boolean> {
    const result = await this.records
      .updateOne({ _id: idOf(scope, key), state: 'IN_PROGRESS', leaseToken: token }, { $set: { leaseUntil } })
      .exec();
    return result.modifiedCount === 1;
  }

  async complete(scope: string, key: string, token: string, response: StoredResponse, at: Date): Promise<boolean> {
    const result = await this.records
      .updateOne(
        { _id: idOf(scope, key), state: 'IN_PROGRESS', leaseToken: token },
        { $set: { state: 'COMPLETED', response, completedAt: at } },
      )
      .exec();
    return result.modifiedCount === 1;
  }

  async release(scope: string, key: string, token: string): Promise<void> {
    await this.records.deleteOne({ _id: idOf(scope, key), state: 'IN_PROGRESS', leaseToken: token }).exec();
  }

  purgeExpired(now: Date, limit: number): Promise<number> {
    return purgeExpired(this.records, now, limit);
  }
}
