import type { Event } from './domain/event';
import type { SeatMove } from './domain/seat-move';
import type { EventInventory } from './event-inventory';

export type { EventInventory } from './event-inventory';

/** Events and their seat inventory; the protocol the inventory methods serve is in domain/seat-move.ts. */
export abstract class EventsRepository {
  /** Inserts the event; when one with its id exists already, returns that one instead (`created: false`). */
  abstract create(event: Event): Promise<{ event: Event; created: boolean }>;
  abstract findById(id: string): Promise<Event | undefined>;
  /** Takes the seats and marks the HOLD in one update; undefined when the event lacks them (or is unknown). */
  abstract hold(eventId: string, move: SeatMove): Promise<{ event: Event; moves: SeatMove[] } | undefined>;
  /** Marks a RETURN before its owner records it; moves nothing. */
  abstract markReturn(eventId: string, move: SeatMove): Promise<void>;
  /** Adds the move's seats and removes its marker, only while the marker is there: at most once per move. */
  abstract giveSeatsBack(eventId: string, moveId: string, seats: number): Promise<boolean>;
  /** Removes markers of moves that count for good or never will; one command for many. */
  abstract removeMarkers(markers: { eventId: string; moveId: string }[]): Promise<void>;
  abstract findMovesBefore(before: Date): Promise<{ eventId: string; move: SeatMove }[]>;
  abstract listInventories(): Promise<EventInventory[]>;
}
