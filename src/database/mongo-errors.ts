import type { FilterQuery, Model } from 'mongoose';

const DUPLICATE_KEY = 11000;
/**
 * FerretDB 1.x (the embedded engine) answers an insert that breaks a unique index with 11000, but an UPDATE
 * that does with a generic error (code 1, InternalError) carrying SQLite's constraint message. It is the
 * same fact, so it is read as the same error; MongoDB answers 11000 for both.
 */
const FERRETDB_UNIQUE_UPDATE = /UNIQUE constraint failed/;

/** A duplicate key is not a failure in this codebase: it means a twin won, and its result is read. */
export function isDuplicateKey(error: unknown): boolean {
  const { code, errmsg, message } = (error ?? {}) as { code?: number; errmsg?: string; message?: string };
  if (code === DUPLICATE_KEY) return true;
  return code === 1 && FERRETDB_UNIQUE_UPDATE.test(errmsg ?? message ?? '');
}

/** A bulk insert whose every failure is a duplicate key: the twins won, nothing else went wrong. */
export function onlyDuplicateKeys(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: { code?: number; err?: { code?: number } }[] } | null)?.writeErrors;
  // The driver's WriteError exposes `code`; mongoose hands them on as plain objects with the code under `err`.
  return (
    isDuplicateKey(error) &&
    Array.isArray(writeErrors) &&
    writeErrors.every((w) => (w.code ?? w.err?.code) === DUPLICATE_KEY)
  );
}

/**
 * Inserts `doc`; when a unique index says a twin got there first, returns the twin (found by
 * `twinFilter`) instead. `inserted` tells the caller which of the two it holds.
 */
export async function insertOrFindTwin<T>(
  model: Model<T>,
  doc: Partial<T>,
  twinFilter: FilterQuery<T>,
): Promise<{ doc: T; inserted: boolean }> {
  try {
    await model.create(doc);
    return { doc: doc as T, inserted: true };
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const twin = await model.findOne(twinFilter).lean<T>().exec();
    if (!twin) throw error;
    return { doc: twin, inserted: false };
  }
}
