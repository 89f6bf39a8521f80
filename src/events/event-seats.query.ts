/** Seats of one event as observers outside the events module see them (the metrics gauges). */
export interface EventSeats {
  eventId: string;
  name: string;
  totalSeats: number;
  availableSeats: number;
}

/** Read-only port of the events module for observers: it never moves a seat. */
export abstract class EventSeatsQuery {
  /** The `limit` events changed most recently, newest first. */
  abstract mostRecentlyChanged(limit: number): Promise<EventSeats[]>;
}
