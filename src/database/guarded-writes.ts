import type { FilterQuery, Model } from 'mongoose';
import type { ExpiryGuard, StateMachine } from '../common/state-machine';

/** The filter form of an entity's expiry guard: the same comparison as `expiryHolds`, evaluated by the database. */
export function expiryFilter(guard: ExpiryGuard | undefined): { expiresAt?: { $lte: Date } | { $gt: Date } } {
  if (!guard) return {};
  return 'passedAt' in guard ? { expiresAt: { $lte: guard.passedAt } } : { expiresAt: { $gt: guard.notPassedAt } };
}

/**
 * The one guarded transition every aggregate's repository applies (architecture rule 1): a conditional
 * update on the owning document that only a caller still seeing `from` can win. The table decides
 * whether the move exists; the update records where it came from, who made it, and that its follow-up
 * is owed (`settled: false`).
 */
export async function guardedTransition<D, S extends string>(
  model: Model<D>,
  machine: StateMachine<S>,
  id: string,
  from: S,
  to: S,
  changes: { correlationId: string } & Record<string, unknown>,
  guard: FilterQuery<D> = {},
): Promise<D | undefined> {
  machine.assertMove(from, to);
  const set = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  // An ending that records a RETURN move loses to the fence that voided that move (seat-move.ts).
  const notVoided = typeof changes.returnedBy === 'string' ? { voidedReturns: { $ne: changes.returnedBy } } : {};
  const doc = await model
    .findOneAndUpdate(
      { _id: id, status: from, ...notVoided, ...guard },
      {
        $set: { status: to, previousStatus: from, settled: false, ...set },
      },
      { new: true },
    )
    .lean<D>()
    .exec();
  return doc ?? undefined;
}

/**
 * The fence of a RETURN whose owner never recorded it: voids the move on its owner, only while the owner
 * has recorded no RETURN. Against the owner's ending transition (guarded by `voidedReturns`), exactly one
 * of the two single-document updates takes effect.
 */
export async function voidReturn<D>(model: Model<D>, id: string, moveId: string): Promise<void> {
  await model.updateOne({ _id: id, returnedBy: { $exists: false } }, { $addToSet: { voidedReturns: moveId } }).exec();
}

/** Marks many documents settled in one command; each only while it is still in the state whose follow-up was done. */
export async function markSettled<D>(model: Model<D>, items: { id: string; status: string }[]): Promise<void> {
  if (items.length === 0) return;
  // One statement per document (not `_id: { $in }`): an exact `_id` filter is what every engine indexes.
  const operations = items.map(({ id, status }) => ({
    updateOne: { filter: { _id: id, status, settled: false }, update: { $set: { settled: true } } },
  }));
  await model.bulkWrite(operations as Parameters<Model<D>['bulkWrite']>[0], { ordered: false });
}

/** Streams a query's matches in batches over one cursor: the collection is scanned once, not once per batch. */
export async function* streamLean<D, T>(
  model: Model<D>,
  filter: FilterQuery<D>,
  sort: Record<string, 1 | -1>,
  batchSize: number,
  map: (doc: D) => T,
): AsyncIterable<T> {
  const cursor = model.find(filter).sort(sort).lean<D>().batchSize(batchSize).cursor();
  try {
    for await (const doc of cursor) yield map(doc as D);
  } finally {
    await cursor.close();
  }
}
