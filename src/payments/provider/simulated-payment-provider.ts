import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { Clock } from '../../common/clock';
import { insertOrFindTwin } from '../../database/mongo-errors';
import { MetricsService } from '../../metrics/metrics.service';
import type { ChargeResult } from '../domain/charge-result';
import { LedgerEntryDocument } from './ledger-entry.schema';
import {
  PaymentProvider,
  ProviderKeyConflictError,
  ProviderTimeoutError,
  ProviderUnavailableError,
  type ChargeRequest,
  type LedgerEntry,
  type RefundRequest,
} from './payment-provider';

const chargeId = (key: string) => `charge:${key}`;
const refundId = (key: string) => `refund:${key}`;

/**
 * A stand-in provider that behaves like a real one where it matters: it keeps its own ledger and is
 * idempotent by key — a repeated call returns the first call's result, and a key seen with another
 * booking or amount is refused — so after `timeout_after_charge` the caller's retry finds the charge
 * already made instead of making a second one. The forced outcome applies only to the first call with a key.
 */
@Injectable()
export class SimulatedPaymentProvider extends PaymentProvider {
  constructor(
    @InjectModel(LedgerEntryDocument.name) private readonly entries: Model<LedgerEntryDocument>,
    private readonly metrics: MetricsService,
    private readonly clock: Clock,
  ) {
    super();
  }

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    // A retry after `provider_error` must reach the provider again, so that outcome records nothing.
    if (request.outcome === 'provider_error') {
      const earlier = await this.findCharge(request.key);
      if (earlier) return this.sameRequest(earlier, request);
      throw new ProviderUnavailableError();
    }
    const { doc, inserted } = await this.record({
      _id: chargeId(request.key),
      type: 'CHARGE',
      status: request.outcome === 'failure' ? 'DECLINED' : 'SUCCEEDED',
      bookingId: request.bookingId,
      amount: request.amount,
      createdAt: this.clock.now(),
    });
    if (!inserted)
      return this.sameRequest(
        { chargeId: doc._id, status: doc.status, bookingId: doc.bookingId, amount: doc.amount },
        request,
      );
    if (request.outcome === 'timeout_after_charge') throw new ProviderTimeoutError();
    return { chargeId: doc._id, status: doc.status };
  }

  async findCharge(key: string): Promise<(ChargeResult & { bookingId: string; amount: number }) | undefined> {
    const doc = await this.entries.findById(chargeId(key)).lean<LedgerEntryDocument>().exec();
    return doc ? { chargeId: doc._id, status: doc.status, bookingId: doc.bookingId, amount: doc.amount } : undefined;
  }

  async voidUnlessCharged(request: Omit<ChargeRequest, 'outcome'>): Promise<ChargeResult> {
    const { doc } = await this.record({
      _id: chargeId(request.key),
      type: 'CHARGE',
      status: 'VOIDED',
      bookingId: request.bookingId,
      amount: request.amount,
      createdAt: this.clock.now(),
    });
    return { chargeId: doc._id, status: doc.status };
  }

  async refund(request: RefundRequest): Promise<{ refundId: string }> {
    const { doc } = await this.record({
      _id: refundId(request.key),
      type: 'REFUND',
      status: 'SUCCEEDED',
      bookingId: request.bookingId,
      amount: request.amount,
      chargeId: request.chargeId,
      createdAt: this.clock.now(),
    });
    if (doc.bookingId !== request.bookingId || doc.amount !== request.amount)
      throw new ProviderKeyConflictError(request.key);
    return { refundId: doc._id };
  }

  async ledger(bookingId: string, limit: number): Promise<LedgerEntry[]> {
    const docs = await this.entries
      .find({ bookingId })
      .sort({ createdAt: 1, _id: 1 })
      .limit(limit)
      .lean<LedgerEntryDocument[]>()
      .exec();
    return docs.map(({ _id, ...rest }) => ({ id: _id, ...rest }));
  }

  async netByBooking(): Promise<Map<string, number>> {
    const docs = await this.entries
      .find({ status: 'SUCCEEDED' })
      .select({ type: 1, bookingId: 1, amount: 1 })
      .lean<LedgerEntryDocument[]>()
      .exec();
    const net = new Map<string, number>();
    for (const doc of docs)
      net.set(doc.bookingId, (net.get(doc.bookingId) ?? 0) + (doc.type === 'CHARGE' ? doc.amount : -doc.amount));
    return net;
  }

  private sameRequest(
    earlier: ChargeResult & { bookingId: string; amount: number },
    request: ChargeRequest,
  ): ChargeResult {
    if (earlier.bookingId !== request.bookingId || earlier.amount !== request.amount)
      throw new ProviderKeyConflictError(request.key);
    return { chargeId: earlier.chargeId, status: earlier.status };
  }

  /** Inserts the entry, or returns the one already booked under the same key. */
  private async record(entry: LedgerEntryDocument): Promise<{ doc: LedgerEntryDocument; inserted: boolean }> {
    const recorded = await insertOrFindTwin(this.entries, entry, { _id: entry._id });
    if (recorded.inserted) this.metrics.providerLedger.inc({ type: entry.type, status: entry.status });
    return recorded;
  }
}
