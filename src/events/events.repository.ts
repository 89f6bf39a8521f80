import type { Event } from './domain/event';

export type ReserveOutcome = 'RESERVED' | 'ALREADY_HELD' | 'INSUFFICIENT' | 'NO_EVENT';

/**
 * Events and their seat inventory. Seats are held per holder reference (a lock id): reserving and
 * releasing are single-document conditional updates that cannot oversell and cannot apply twice for
 * the same holder, so any retry or twin of a flow may call them again safely.
 */
export abstract class EventsRepository {
  abstract create(event: Event): Promise<void>;
  abstract findById(id: string): Promise<Event | undefined>;
  abstract reserveSeats(eventId: string, holder: string, seats: number): Promise<ReserveOutcome>;
  /** True when this call returned the seats; false when the holder held none (already released). */
  abstract releaseSeats(eventId: string, holder: string, seats: number): Promise<boolean>;
  abstract listInventories(): Promise<EventInventory[]>;
}

export interface EventInventory {
  eventId: string;
  totalSeats: number;
  availableSeats: number;
  holds: Record<string, number>;
}
