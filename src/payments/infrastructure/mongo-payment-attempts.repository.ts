import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type FilterQuery, type Model } from 'mongoose';
import { guardedTransition, markSettled, streamLean } from '../../database/guarded-writes';
import { isDuplicateKey } from '../../database/mongo-errors';
import { ATTEMPT_STATES, PaymentAttempt, type AttemptStatus, type AttemptTransition } from '../domain/payment-attempt';
import { PaymentAttemptsRepository, type InsertedAttempt } from '../payment-attempts.repository';
import { PaymentAttemptDocument } from './payment-attempt.schema';

const attemptKeyOf = (bookingId: string, idempotencyKey: string) => `${bookingId} ${idempotencyKey}`;
const slotOf = (attempt: { id: string; bookingId: string }, hold: boolean) => (hold ? attempt.bookingId : attempt.id);
/** Inserting can meet the slot's holder finishing at that moment; a few tries settle who holds it. */
const INSERT_TRIES = 3;

const toDomain = ({ _id, attemptKey: _key, bookingSlot, updatedAt: _updatedAt, ...props }: PaymentAttemptDocument) =>
  PaymentAttempt.restore({ id: _id.toHexString(), ...props, holdsPaymentSlot: bookingSlot === props.bookingId });

@Injectable()
export class MongoPaymentAttemptsRepository extends PaymentAttemptsRepository {
  constructor(@InjectModel(PaymentAttemptDocument.name) private readonly attempts: Model<PaymentAttemptDocument>) {
    super();
  }

  async insertOrGet(attempt: PaymentAttempt): Promise<InsertedAttempt> {
    const { id, holdsPaymentSlot, ...props } = attempt;
    const attemptKey = attemptKeyOf(attempt.bookingId, attempt.idempotencyKey);
    const doc = { _id: new Types.ObjectId(id), attemptKey, bookingSlot: slotOf(attempt, holdsPaymentSlot), ...props };
    for (let tries = 1; ; tries++) {
      try {
        await this.attempts.create(doc);
        return { attempt, inserted: true };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        // The key's own attempt first (a retry resumes it), then whoever holds the booking's slot.
        const twin = await this.attempts.findOne({ attemptKey }).lean<PaymentAttemptDocument>().exec();
        if (twin) return { attempt: toDomain(twin), inserted: false };
        const holder = await this.attempts
          .findOne({ bookingSlot: attempt.bookingId })
          .lean<PaymentAttemptDocument>()
          .exec();
        if (holder) return { busyWith: toDomain(holder) };
        if (tries === INSERT_TRIES) throw error;
      }
    }
  }

  async holdSlot(attempt: PaymentAttempt, hold: boolean): Promise<boolean> {
    try {
      await this.attempts
        .updateOne({ _id: attempt.id, status: 'PROCESSING' }, { $set: { bookingSlot: slotOf(attempt, hold) } })
        .exec();
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
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

  async transition(
    attempt: PaymentAttempt,
    transition: AttemptTransition,
    context: { correlationId: string },
  ): Promise<PaymentAttempt | undefined> {
    const { from, to, changes } = transition;
    const { holdsPaymentSlot, ...set } = changes;
    const doc = await guardedTransition(this.attempts, ATTEMPT_STATES, attempt.id, from, to, {
      ...set,
      ...context,
      bookingSlot: slotOf(attempt, holdsPaymentSlot),
    });
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
