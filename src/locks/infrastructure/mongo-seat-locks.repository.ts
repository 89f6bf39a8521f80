import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { FilterQuery, Model } from 'mongoose';
import { expiryFilter, guardedTransition, markSettled, streamLean, voidReturn } from '../../database/guarded-writes';
import { isDuplicateKey } from '../../database/mongo-errors';
import { LOCK_STATES, type LockStatus, type LockTransition, type SeatLock } from '../domain/seat-lock';
import { SeatLocksRepository, type LockTransitionContext } from '../seat-locks.repository';
import { SeatLockMapper } from './seat-lock.mapper';
import { SeatLockDocument } from './seat-lock.schema';

@Injectable()
export class MongoSeatLocksRepository extends SeatLocksRepository {
  constructor(@InjectModel(SeatLockDocument.name) private readonly locks: Model<SeatLockDocument>) {
    super();
  }

  async insert(lock: SeatLock): Promise<{ inserted: true } | { inserted: false; twin?: SeatLock }> {
    try {
      await this.locks.create(SeatLockMapper.toPersistence(lock));
      return { inserted: true };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const twin = await this.locks
        .findOne({ userId: lock.userId, idempotencyKey: lock.idempotencyKey })
        .lean<SeatLockDocument>()
        .exec();
      return { inserted: false, twin: twin ? SeatLockMapper.toDomain(twin) : undefined };
    }
  }

  async fence(lock: SeatLock): Promise<boolean> {
    try {
      await this.locks.create(SeatLockMapper.toPersistence(lock));
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async findById(id: string): Promise<SeatLock | undefined> {
    const doc = await this.locks.findById(id).lean<SeatLockDocument>().exec();
    return doc ? SeatLockMapper.toDomain(doc) : undefined;
  }

  async transition(
    id: string,
    transition: LockTransition,
    context: LockTransitionContext,
  ): Promise<SeatLock | undefined> {
    const { from, to, changes, expiry } = transition;
    const { ownedBy, ...recorded } = context;
    const guard: FilterQuery<SeatLockDocument> = expiryFilter(expiry);
    if (ownedBy !== undefined) guard.userId = ownedBy;
    const doc = await guardedTransition(this.locks, LOCK_STATES, id, from, to, { ...changes, ...recorded }, guard);
    return doc ? SeatLockMapper.toDomain(doc) : undefined;
  }

  voidReturn(id: string, moveId: string): Promise<void> {
    return voidReturn(this.locks, id, moveId);
  }

  markSettled(locks: { id: string; status: LockStatus }[]): Promise<void> {
    return markSettled(this.locks, locks);
  }

  streamExpiredActive(now: Date, batchSize: number): AsyncIterable<SeatLock> {
    return streamLean(this.locks, { status: 'ACTIVE', expiresAt: { $lte: now } }, { expiresAt: 1 }, batchSize, (doc) =>
      SeatLockMapper.toDomain(doc),
    );
  }

  streamUnsettled(updatedBefore: Date, batchSize: number): AsyncIterable<SeatLock> {
    return streamLean(
      this.locks,
      { settled: false, updatedAt: { $lt: updatedBefore } },
      { updatedAt: 1 },
      batchSize,
      (doc) => SeatLockMapper.toDomain(doc),
    );
  }

  async findAll(): Promise<SeatLock[]> {
    const docs = await this.locks.find().lean<SeatLockDocument[]>().exec();
    return docs.map((doc) => SeatLockMapper.toDomain(doc));
  }
}
