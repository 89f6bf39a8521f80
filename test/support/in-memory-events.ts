import type { Event } from '../../src/events/domain/event';
import type { SeatMove } from '../../src/events/domain/seat-move';
import { EventsRepository, type EventInventory } from '../../src/events/events.repository';

/** The event's counter and markers, with the same guards as the Mongo repository (one document, one writer). */
export class InMemoryEvents extends EventsRepository {
  available = 0;
  readonly markers = new Map<string, SeatMove>();
  readonly scheduled = new Map<string, Event>();

  /** Unique by id, as the Mongo collection is: an id stored already answers the stored event. */
  create(event: Event): Promise<{ event: Event; created: boolean }> {
    const stored = this.scheduled.get(event.id);
    if (stored) return Promise.resolve({ event: stored, created: false });
    this.scheduled.set(event.id, event);
    return Promise.resolve({ event, created: true });
  }
  findById(id: string): Promise<Event | undefined> {
    return Promise.resolve(this.scheduled.get(id));
  }
  hold(): Promise<{ event: Event; moves: SeatMove[] } | undefined> {
    return Promise.resolve(undefined);
  }
  markReturn(_eventId: string, move: SeatMove): Promise<void> {
    this.markers.set(move.id, move);
    return Promise.resolve();
  }
  giveSeatsBack(_eventId: string, moveId: string, seats: number): Promise<boolean> {
    if (!this.markers.delete(moveId)) return Promise.resolve(false);
    this.available += seats;
    return Promise.resolve(true);
  }
  removeMarkers(markers: { moveId: string }[]): Promise<void> {
    for (const { moveId } of markers) this.markers.delete(moveId);
    return Promise.resolve();
  }
  findMovesBefore(): Promise<{ eventId: string; move: SeatMove }[]> {
    return Promise.resolve([]);
  }
  listInventories(): Promise<EventInventory[]> {
    return Promise.resolve([]);
  }
}
