/** Waiting and bounded concurrency for the e2e specs; nothing here knows the app. */

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until every given instant has passed (plus a small margin for the server's clock reads). */
export async function waitUntilPast(instants: string[]): Promise<void> {
  const latest = Math.max(...instants.map((iso) => Date.parse(iso)));
  const wait = latest + 100 - Date.now();
  if (wait > 0) await sleep(wait);
}

/** Polls `check` until it passes or the bounded wait runs out (then its last failure is thrown). */
export async function eventually(check: () => Promise<void>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(250);
    }
  }
}

/** Runs `count` tasks, at most `limit` at a time, and returns their results in order. */
export async function inParallel<T>(count: number, limit: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}
