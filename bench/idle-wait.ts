import type { ApiClient } from './api-client';
import { median } from './median';

const SETTLE_TIMEOUT_MS = 60_000;
const CALM_IN_A_ROW = 2;

/**
 * autocannon ends a round by dropping its sockets, but the service still works through the requests it
 * had accepted. GET /health pings the database, which on the embedded engine queues behind every command
 * still owed, so the service is idle again once health answers as fast as it did before any load.
 */
export class IdleWait {
  private constructor(
    private readonly api: ApiClient,
    private readonly calmMs: number,
  ) {}

  static async calibrate(api: ApiClient): Promise<IdleWait> {
    const latencies: number[] = [];
    for (let i = 0; i < 5; i += 1) latencies.push(await healthMs(api));
    const idle = median(latencies);
    return new IdleWait(api, Math.max(3 * idle, idle + 50));
  }

  /** Resolves true once idle, false if the backlog outlasted the timeout (the next figures then carry it). */
  async untilIdle(): Promise<boolean> {
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    let calm = 0;
    while (calm < CALM_IN_A_ROW && Date.now() < deadline) {
      calm = (await healthMs(this.api)) <= this.calmMs ? calm + 1 : 0;
    }
    return calm >= CALM_IN_A_ROW;
  }
}

async function healthMs(api: ApiClient): Promise<number> {
  const start = process.hrtime.bigint();
  const status = await api.send('GET', '/health').then(
    (response) => response.status,
    () => 0,
  );
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  // A 503 (the ping timed out behind the backlog) or no answer at all is as busy as it gets.
  return status === 200 ? ms : Number.POSITIVE_INFINITY;
}
