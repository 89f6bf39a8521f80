import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { FilterQuery, Model } from 'mongoose';
import { excluding, insertOrFindTwin } from '../../database/mongo-errors';
import { SeatLock, type LockStatus } from '../domain/seat-lock';
import { SeatLocksRepository, type LockTransitionOptions } from '../seat-locks.repository';
import { SeatLockMapper } from './seat-lock.mapper';
import { SeatLockDocument } from './seat-lock.schema';

@Injectable()
export class MongoSeatLocksRepository extends SeatLocksRepository {
  constructor(@InjectModel(SeatLockDocument.name) private readonly locks: Model<SeatLockDocument>) {
    super();
  }

  async insertOrGetByKey(lock: SeatLock): Promise<{ lock: SeatLock; inserted: boolean }> {
    const { doc, inserted } = await insertOrFindTwin(this.locks, SeatLockMapper.toPersistence(lock), {
      idempotencyKey: lock.idempotencyKey,
    });
    return { lock: inserted ? lock : SeatLockMapper.toDomain(doc), inserted };
  }

  async findById(id: string): Promise<SeatLock | undefined> {
    const doc = await this.locks.findById(id).lean<SeatLockDocument>().exec();
    return doc ? SeatLockMapper.toDomain(doc) : undefined;
  }

  async findByKey(idempotencyKey: string): Promise<SeatLock | undefined> {
    const doc = await this.locks.findOne({ idempotencyKey }).lean<SeatLockDocument>().exec();
    return doc ? SeatLockMapper.toDomain(doc) : undefined;
  }

  async transition(
    id: string,
    from: LockStatus,
    to: LockStatus,
    options: LockTransitionOptions = {},
  ): Promise<SeatLock | undefined> {
    if (!SeatLock.transitions.canMove(from, to)) throw new Error(`a lock cannot move from ${from} to ${to}`);
    const { unexpiredAt, expiredAt, ...changes } = options;
    const filter: FilterQuery<SeatLockDocument> = { _id: id, status: from };
    if (unexpiredAt) filter.expiresAt = { $gt: unexpiredAt };
    if (expiredAt) filter.expiresAt = { $lte: expiredAt };
    const doc = await this.locks
      .findOneAndUpdate(filter, { $set: { status: to, previousStatus: from, settled: false, ...changes } }, { new: true })
      .lean<SeatLockDocument>()
      .exec();
    return doc ? SeatLockMapper.toDomain(doc) : undefined;
  }

  async markSettled(id: string, status: LockStatus): Promise<void> {
    await this.locks.updateOne({ _id: id, status, settled: false }, { $set: { settled: true } }).exec();
  }

  async deletePending(id: string): Promise<boolean> {
    const result = await this.locks.deleteOne({ _id: id, status: 'PENDING' }).exec();
    return result.deletedCount === 1;
  }

  async findExpiredActive(now: Date, limit: number, exclude: string[] = []): Promise<SeatLock[]> {
    const filter = { status: 'ACTIVE', expiresAt: { $lte: now }, ...excluding(exclude) };
    return this.many(this.locks.find(filter).sort({ expiresAt: 1 }).limit(limit));
  }

  async findUnsettled(updatedBefore: Date, limit: number, exclude: string[] = []): Promise<SeatLock[]> {
    const filter = { settled: false, updatedAt: { $lt: updatedBefore }, ...excluding(exclude) };
    return this.many(this.locks.find(filter).sort({ updatedAt: 1 }).limit(limit));
  }

  async findAll(): Promise<SeatLock[]> {
    return this.many(this.locks.find());
  }

  private async many(query: ReturnType<Model<SeatLockDocument>['find']>): Promise<SeatLock[]> {
    const docs = await query.lean<SeatLockDocument[]>().exec();
    return docs.map(SeatLockMapper.toDomain);
  }
}
