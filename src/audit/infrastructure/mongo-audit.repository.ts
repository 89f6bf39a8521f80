import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { FilterQuery, Model } from 'mongoose';
import { onlyDuplicateKeys } from '../../database/mongo-errors';
import { AuditRepository } from '../audit.repository';
import type { AuditCursor, AuditEntry, AuditFilter } from '../domain/audit-entry';
import { AuditEntryDocument } from './audit-entry.schema';

@Injectable()
export class MongoAuditRepository extends AuditRepository {
  constructor(@InjectModel(AuditEntryDocument.name) private readonly entries: Model<AuditEntryDocument>) {
    super();
  }

  async appendMany(entries: AuditEntry[]): Promise<void> {
    // Twins of one transition queue the same derived id; the first is the one kept.
    const byId = new Map<string, Omit<AuditEntry, 'id'> & { _id: string }>();
    for (const { id, ...rest } of entries) if (!byId.has(id)) byId.set(id, { _id: id, ...rest });
    if (byId.size === 0) return;
    try {
      await this.entries.insertMany([...byId.values()], { ordered: false, lean: true });
    } catch (error) {
      // An entry with a derived id that is there already was written by whoever finished that flow first.
      if (!onlyDuplicateKeys(error)) throw error;
    }
  }

  async find(filter: AuditFilter, limit: number, cursor?: AuditCursor): Promise<AuditEntry[]> {
    const query: FilterQuery<AuditEntryDocument> = {};
    if (filter.bookingId) query.bookingId = filter.bookingId;
    if (filter.lockId) query.lockId = filter.lockId;
    if (filter.action) query.action = filter.action;
    if (filter.isRetry === true) query['metadata.isRetry'] = true;
    if (filter.isRetry === false) query['metadata.isRetry'] = { $ne: true };
    if (cursor) {
      query.$or = [{ createdAt: { $lt: cursor.createdAt } }, { createdAt: cursor.createdAt, _id: { $lt: cursor.id } }];
    }
    const docs = await this.entries
      .find(query)
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit)
      .lean<AuditEntryDocument[]>()
      .exec();
    return docs.map(({ _id, ...rest }) => ({ id: _id, ...rest }));
  }

  async transitionsOf(entityIds: string[]): Promise<Set<string>> {
    const ids = new Set<string>();
    const prefixes = new Set(entityIds);
    const docs = await this.entries
      .find({
        $or: [{ lockId: { $in: entityIds } }, { bookingId: { $in: entityIds } }, { attemptId: { $in: entityIds } }],
      })
      .select({ _id: 1 })
      .lean<{ _id: string }[]>()
      .exec();
    for (const doc of docs) if (prefixes.has(doc._id.split(':')[0])) ids.add(doc._id);
    return ids;
  }
}
