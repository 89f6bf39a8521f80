import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { EventSeatsQuery, type EventSeats } from '../events/event-seats.query';
import { MetricsService } from './metrics.service';

/** Label values are bounded by this: only the most recently changed events are exported. */
export const SEAT_GAUGE_EVENTS = 20;

/**
 * Seats per event, asked of the events module when Prometheus scrapes, so the gauges are true across
 * every instance writing to the database.
 */
@Injectable()
export class EventSeatsGauge implements OnModuleInit {
  private readonly logger = new Logger(EventSeatsGauge.name);
  /** The registry collects every metric at once; both gauges share one read per scrape. */
  private pending?: Promise<EventSeats[]>;

  constructor(
    private readonly metrics: MetricsService,
    private readonly events: EventSeatsQuery,
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
          for (const event of await read()) this.set({ event_id: event.eventId, name: event.name }, value(event));
        } catch (error) {
          // A scrape during a database outage still serves every other metric.
          logger.warn({ err: error }, `${name} not collected`);
        }
      },
    });
  }

  private recentEvents(): Promise<EventSeats[]> {
    this.pending ??= this.events.mostRecentlyChanged(SEAT_GAUGE_EVENTS).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }
}
