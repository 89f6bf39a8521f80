import mongoose, { type Connection } from 'mongoose';
import { InvariantCheck, type InvariantResult } from './invariant';

const INTERVAL_MS = 1000;

/**
 * Watches every event's inventory while the workload runs. An oversell is transient — the oversold
 * locks expire and the counter comes back — so a check at the end alone would never see it; sampled
 * every second, `0 ≤ availableSeats ≤ totalSeats` must hold at every moment. Samples that fail (the
 * engine is down) are skipped.
 */
export class SeatSampler {
  private readonly check = new InvariantCheck('0 ≤ availableSeats ≤ totalSeats at every sample during the run');
  private readonly seen = new Set<string>();
  private connection?: Connection;
  private timer?: NodeJS.Timeout;
  private sampling = false;

  get violations(): number {
    return this.check.violations.length;
  }

  async start(uri: string): Promise<void> {
    this.connection = await mongoose
      .createConnection(uri, { maxPoolSize: 1, serverSelectionTimeoutMS: 1000 })
      .asPromise();
    this.timer = setInterval(() => void this.sample(), INTERVAL_MS);
  }

  async stop(): Promise<InvariantResult> {
    clearInterval(this.timer);
    while (this.sampling) await new Promise((r) => setTimeout(r, 50));
    await this.connection?.close();
    return this.check;
  }

  private async sample(): Promise<void> {
    if (this.sampling || !this.connection?.db) return;
    this.sampling = true;
    try {
      const events = await this.connection.db
        .collection('events')
        .find({}, { projection: { totalSeats: 1, availableSeats: 1 } })
        .toArray();
      const at = new Date().toISOString();
      for (const event of events) {
        const { totalSeats, availableSeats } = event as { totalSeats?: number; availableSeats?: number };
        const ok =
          typeof availableSeats === 'number' &&
          typeof totalSeats === 'number' &&
          availableSeats >= 0 &&
          availableSeats <= totalSeats;
        // One violation line per event is enough to locate it; later samples of the same event only count.
        const id = String(event._id);
        this.check.expect(
          ok || this.seen.has(id),
          () => `event ${id} at ${at}: availableSeats ${availableSeats} of ${totalSeats}`,
        );
        if (!ok) this.seen.add(id);
      }
    } catch {
      // The engine is down (a fault): this sample is skipped.
    } finally {
      this.sampling = false;
    }
  }
}
