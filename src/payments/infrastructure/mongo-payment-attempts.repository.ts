import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type FilterQuery, type Model } from 'mongoose';
import { guardedTransition, markSettled, streamLean } from '../../database/guarded-writes';
import { insertOrFindTwin } from '../../database/mongo-errors';
import { ATTEMPT_STATES, PaymentAttempt, type AttemptStatus } from '../domain/payment-attempt';
import { PaymentAttemptsRepository, type AttemptChanges } from '../payment-attempts.repository';
import { PaymentAttemptDocument } from './payment-attempt.schema';

const attemptKeyOf = (bookingId: string, idempotencyKey: string) => `${bookingId} ${idempotencyKey}`;

const toDomain = ({ _id, attemptKey: _key, updatedAt: _updatedAt, ...props }: PaymentAttemptDocument) =>
  PaymentAttempt.restore({ id: _id.toHexString(), ...props });

@Injectable()
export class MongoPaymentAttemptsRepository extends PaymentAttemptsRepository {
  constructor(@InjectModel(PaymentAttemptDocument.name) private readonly attempts: Model<PaymentAttemptDocument>) {
    super();
  }

  async insertOrGet(attempt: PaymentAttempt): Promise<{ attempt: PaymentAttempt; inserted: boolean }> {
    const { id, ...props } = attempt;
    const attemptKey = attemptKeyOf(attempt.bookingId, attempt.idempotencyKey);
    const { doc, inserted } = await insertOrFindTwin(
      this.attempts,
      { _id: new Types.ObjectId(id), attemptKey, ...props },
      { attemptKey },
    );
    return { attempt: inserted ? attempt : toDomain(doc), inserted };
  }

  async findByKey(bookingId: string, idempotencyKey: string): Promise<PaymentAttempt | undefined> {
    const doc = await this.attempts
      .findOne({ attemptKey: attemptKeyOf(bookingId, idempotencyKey) })
      .lean<PaymentAttemptDocument>()
      .exec();
    return doc ? toDomain(doc) : undefined;
  }

  async findById(id: string): Promise<PaymentAttempt | undefined> {
    const doc = await this.attempts.findById(id).lean<PaymentAttemptDocument>().exec();
    return doc ? toDomain(doc) : undefined;
  }

  async transition(id: string, to: AttemptStatus, changes: AttemptChanges): Promise<PaymentAttempt | undefined> {
    const doc = await guardedTransition(this.attempts, ATTEMPT_STATES, id, 'PROCESSING', to, changes);
    return doc ? toDomain(doc) : undefined;
  }

  markSettled(attempts: { id: string; status: AttemptStatus }[]): Promise<void> {
    return markSettled(this.attempts, attempts);
  }

  streamOpen(before: Date, batchSize: number): AsyncIterable<PaymentAttempt> {
    // PROCESSING is a transient state, so the first branch stays small (index status_1_createdAt_1).
    const filter: FilterQuery<PaymentAttemptDocument> = {
      $or: [{ status: 'PROCESSING' }, { settled: false, updatedAt: { $lt: before } }],
    };
    return streamLean(this.attempts, filter, { createdAt: 1 }, batchSize, toDomain);
  }

  async purgeExpired(now: Date, limit: number): Promise<number> {
    const expired = await this.attempts
      .find({ purgeAt: { $lte: now }, settled: true })
      .select({ _id: 1 })
      .limit(limit)
      .lean<{ _id: Types.ObjectId }[]>()
      .exec();
    if (expired.length === 0) return 0;
    const result = await this.attempts
      .deleteMany({ _id: { $in: expired.map((doc) => doc._id) }, purgeAt: { $lte: now } })
      .exec();
    return result.deletedCount;
  }
}
