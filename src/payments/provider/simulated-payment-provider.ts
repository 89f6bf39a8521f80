import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { insertOrFindTwin } from '../../database/mongo-errors';
import { MetricsService } from '../../metrics/metrics.service';
import { LedgerEntryDocument } from './ledger-entry.schema';
import {
  PaymentProvider,
  ProviderTimeoutError,
  ProviderUnavailableError,
  type ChargeRequest,
  type ChargeResult,
  type LedgerEntry,
  type RefundRequest,
} from './payment-provider';

const chargeId = (key: string) => `charge:${key}`;
const refundId = (key: string) => `refund:${key}`;

/**
 * A stand-in provider that behaves like a real one where it matters: it keeps its own ledger and is
 * idempotent by key, so after `timeout_after_charge` the caller's retry finds the charge already made
 * instead of making a second one. The forced outcome applies only to the first call with a key.
 */
@Injectable()
export class SimulatedPaymentProvider extends PaymentProvider {
  constructor(
    @InjectModel(LedgerEntryDocument.name) private readonly entries: Model<LedgerEntryDocument>,
    private readonly metrics: MetricsService,
  ) {
    super();
  }

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    const earlier = await this.findCharge(request.key);
    if (earlier) return earlier;
    if (request.outcome === 'provider_error') throw new ProviderUnavailableError();

    const status = request.outcome === 'failure' ? 'DECLINED' : 'SUCCEEDED';
    const recorded = await this.record({
      _id: chargeId(request.key),
      type: 'CHARGE',
      status,
      bookingId: request.bookingId,
      amount: request.amount,
      createdAt: new Date(),
    });
    if (request.outcome === 'timeout_after_charge') throw new ProviderTimeoutError();
    return { chargeId: recorded._id, status: recorded.status };
  }

  async findCharge(key: string): Promise<ChargeResult | undefined> {
    const doc = await this.entries.findById(chargeId(key)).lean<LedgerEntryDocument>().exec();
    return doc ? { chargeId: doc._id, status: doc.status } : undefined;
  }

  async refund(request: RefundRequest): Promise<{ refundId: string }> {
    const recorded = await this.record({
      _id: refundId(request.key),
      type: 'REFUND',
      status: 'SUCCEEDED',
      bookingId: request.bookingId,
      amount: request.amount,
      chargeId: request.chargeId,
      createdAt: new Date(),
    });
    return { refundId: recorded._id };
  }

  async ledger(bookingId: string): Promise<LedgerEntry[]> {
    const docs = await this.entries.find({ bookingId }).sort({ createdAt: 1 }).lean<LedgerEntryDocument[]>().exec();
    return docs.map(({ _id, ...rest }) => ({ id: _id, ...rest }));
  }

  /** Inserts the entry, or returns the one already booked under the same key. */
  private async record(entry: LedgerEntryDocument): Promise<LedgerEntryDocument> {
    const { doc, inserted } = await insertOrFindTwin(this.entries, entry, { _id: entry._id });
    if (inserted) this.metrics.providerLedger.inc({ type: doc.type, status: doc.status });
    return doc;
  }
}
