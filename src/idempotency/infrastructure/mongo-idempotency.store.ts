import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isDuplicateKey } from '../../database/mongo-errors';
import { purgeExpired } from '../../database/purge-expired';
import type { IdempotencyRecord, StoredResponse } from '../idempotency-record';
import { IdempotencyStore } from '../idempotency.store';
import { IdempotencyRecordDocument } from './idempotency-record.schema';

const idOf = (scope: string, key: string) => `${scope} ${key}`;

@Injectable()
export class MongoIdempotencyStore extends IdempotencyStore {
  constructor(@InjectModel(IdempotencyRecordDocument.name) private readonly records: Model<IdempotencyRecordDocument>) {
    super();
  }

  async insert(record: IdempotencyRecord): Promise<boolean> {
    try {
      await this.records.create({ _id: idOf(record.scope, record.key), ...record });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async find(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    const doc = await this.records.findById(idOf(scope, key)).lean<IdempotencyRecordDocument>().exec();
    if (!doc) return undefined;
    const { _id, ...record } = doc;
    return record;
  }

  async replaceExpired(record: IdempotencyRecord, now: Date): Promise<boolean> {
    const result = await this.records
      .replaceOne({ _id: idOf(record.scope, record.key), expiresAt: { $lte: now } }, { _id: idOf(record.scope, record.key), ...record })
      .exec();
    return result.modifiedCount === 1;
  }

  async takeOver(record: IdempotencyRecord, staleToken: string, now: Date): Promise<boolean> {
    const result = await this.records
      .updateOne(
        { _id: idOf(record.scope, record.key), state: 'IN_PROGRESS', leaseToken: staleToken, leaseUntil: { $lte: now } },
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
