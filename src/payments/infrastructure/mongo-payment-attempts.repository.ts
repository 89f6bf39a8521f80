import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type Model } from 'mongoose';
import { insertOrFindTwin } from '../../database/mongo-errors';
import { purgeExpired } from '../../database/purge-expired';
import { PaymentAttempt, type AttemptStatus } from '../domain/payment-attempt';
import { PaymentAttemptsRepository } from '../payment-attempts.repository';
import { PaymentAttemptDocument } from './payment-attempt.schema';

const toDomain = (doc: PaymentAttemptDocument) =>
  PaymentAttempt.restore({
    id: doc._id.toHexString(),
    idempotencyKey: doc.idempotencyKey,
    bookingId: doc.bookingId,
    amount: doc.amount,
    force: doc.force,
    status: doc.status,
    chargeId: doc.chargeId,
    correlationId: doc.correlationId,
    createdAt: doc.createdAt,
    expiresAt: doc.expiresAt,
  });

@Injectable()
export class MongoPaymentAttemptsRepository extends PaymentAttemptsRepository {
  constructor(@InjectModel(PaymentAttemptDocument.name) private readonly attempts: Model<PaymentAttemptDocument>) {
    super();
  }

  async insertOrGetByKey(attempt: PaymentAttempt): Promise<{ attempt: PaymentAttempt; inserted: boolean }> {
    const { doc, inserted } = await insertOrFindTwin(
      this.attempts,
      {
        _id: new Types.ObjectId(attempt.id),
        idempotencyKey: attempt.idempotencyKey,
        bookingId: attempt.bookingId,
        amount: attempt.amount,
        force: attempt.force,
        status: attempt.status,
        correlationId: attempt.correlationId,
        createdAt: attempt.createdAt,
        expiresAt: attempt.expiresAt,
      },
      { idempotencyKey: attempt.idempotencyKey },
    );
    return { attempt: inserted ? attempt : toDomain(doc), inserted };
  }

  async findByKey(idempotencyKey: string, now: Date): Promise<PaymentAttempt | undefined> {
    const doc = await this.attempts.findOne({ idempotencyKey, expiresAt: { $gt: now } }).lean<PaymentAttemptDocument>().exec();
    return doc ? toDomain(doc) : undefined;
  }

  async findById(id: string): Promise<PaymentAttempt | undefined> {
    const doc = await this.attempts.findById(id).lean<PaymentAttemptDocument>().exec();
    return doc ? toDomain(doc) : undefined;
  }

  async transition(id: string, to: AttemptStatus, changes: { chargeId?: string } = {}): Promise<PaymentAttempt | undefined> {
    const doc = await this.attempts
      .findOneAndUpdate({ _id: id, status: { $in: PaymentAttempt.transitions.sourcesOf(to) } }, { $set: { status: to, ...changes } }, { new: true })
      .lean<PaymentAttemptDocument>()
      .exec();
    return doc ? toDomain(doc) : undefined;
  }

  async findOpenFor(bookingId: string): Promise<PaymentAttempt[]> {
    const docs = await this.attempts
      .find({ bookingId, status: { $in: ['PROCESSING', 'SUCCEEDED'] } })
      .sort({ createdAt: 1 })
      .lean<PaymentAttemptDocument[]>()
      .exec();
    return docs.map(toDomain);
  }

  purgeExpired(now: Date, limit: number): Promise<number> {
    return purgeExpired(this.attempts, now, limit);
  }
}
