import type { SeatMove } from './domain/seat-move';

/** An event's seat counts and its moves in flight, as the invariant check reads them. */
export interface EventInventory {
  eventId: string;
  totalSeats: number;
  availableSeats: number;
  moves: SeatMove[];
}
