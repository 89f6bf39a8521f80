import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { Gauge } from 'prom-client';
import { MetricsService } from './metrics.service';

/** Label values are bounded by this: only the most recently changed events are exported. */
export const SEAT_GAUGE_EVENTS = 20;

interface EventSeats {
  _id: unknown;
  name: string;
  totalSeats: number;
  availableSeats: number;
}

/**
 * Seats per event, read from the events collection when Prometheus scrapes, so the gauges are true
 * across every instance writing to the database. Read-only: the events module stays the only writer.
 */
@Injectable()
export class EventSeatsGauge implements OnModuleInit {
  private readonly logger = new Logger(EventSeatsGauge.name);
  /** The registry collects every metric at once; both gauges share one read per scrape. */
  private pending?: Promise<EventSeats[]>;

  constructor(
    private readonly metrics: MetricsService,
    @InjectConnection() private readonly connection: Connection,
  ) {}

  onModuleInit(): void {
    this.gauge('event_seats_available', 'Seats available', (event) => event.availableSeats);
    this.gauge('event_seats_total', 'Seats', (event) => event.totalSeats);
  }

  private gauge(name: string, what: string, value: (event: EventSeats) => number): void {
    const read = () => this.recentEvents();
    const logger = this.logger;
    new Gauge({
      name,
      help: `${what} per event, for the ${SEAT_GAUGE_EVENTS} most recently changed events`,
      labelNames: ['event_id', 'name'] as const,
      registers: [this.metrics.registry],
      async collect() {
        this.reset();
        try {
          for (const event of await read()) this.set({ event_id: String(event._id), name: event.name }, value(event));
        } catch (error) {
          // A scrape during a database outage still serves every other metric.
          logger.warn({ err: error }, `${name} not collected`);
        }
      },
    });
  }

  private recentEvents(): Promise<EventSeats[]> {
    this.pending ??= this.connection
      .collection<EventSeats>('events')
      .find({}, { projection: { name: 1, totalSeats: 1, availableSeats: 1 } })
      .sort({ updatedAt: -1 })
      .limit(SEAT_GAUGE_EVENTS)
      .toArray()
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }
}
