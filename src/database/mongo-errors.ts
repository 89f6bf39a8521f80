const DUPLICATE_KEY = 11000;

/** A duplicate key is not a failure in this codebase: it means a twin won, and its result is read. */
export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number } | null)?.code === DUPLICATE_KEY;
}
