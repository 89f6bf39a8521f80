const DUPLICATE_KEY = 11000;

/** A duplicate key is not a failure in this codebase: it means a twin won, and its result is read. */
export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number } | null)?.code === DUPLICATE_KEY;
}

/** A filter fragment that leaves out the given ids (nothing when there are none). */
export function excluding(ids: string[]): { _id?: { $nin: string[] } } {
  return ids.length > 0 ? { _id: { $nin: ids } } : {};
}
