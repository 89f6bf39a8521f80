import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/errors/domain-error';
import { newId } from '../common/ids';
import { FollowUpQueue, type BatchWriter } from '../follow-up/follow-up-queue';
import { Event } from './domain/event';
import type { SeatMove } from './domain/seat-move';
import { EventsRepository, type EventInventory } from './events.repository';

/** An owner as step 3 of a RETURN reads it: the move its ending recorded, and whether its follow-ups are done. */
export interface ReturnOwner {
  returnedBy?: string;
  settled: boolean;
  seats: number;
}

export interface ScheduleEventCommand {
  name: string;
  totalSeats: number;
  price: number;
  startsAt: Date;
  /** The request's idempotency key: one event per key, whatever runs the request twice. */
  idempotencyKey?: string;
}

/**
 * Events and the one door to their seat inventory: other modules move seats through these commands,
 * following the protocol in domain/seat-move.ts.
 */
@Injectable()
export class EventsService {
  private readonly markerCleanup: BatchWriter<{ eventId: string; moveId: string }> = {
    phase: 2,
    writeBatch: (markers) => this.events.removeMarkers(markers),
  };

  constructor(
    private readonly events: EventsRepository,
    private readonly followUps: FollowUpQueue,
    private readonly clock: Clock,
  ) {}

  /**
   * The event scheduled, or under a key already used, the event that key scheduled first (`created: false`;
   * the caller compares it with its request, see Event.isScheduleOf).
   */
  async schedule({ idempotencyKey, ...schedule }: ScheduleEventCommand): Promise<{ event: Event; created: boolean }> {
    const id = idempotencyKey === undefined ? newId() : Event.idForKey(idempotencyKey);
    return this.events.create(Event.schedule({ id, ...schedule }, this.clock.now()));
  }

  async get(id: string): Promise<Event> {
    const event = await this.events.findById(id);
    if (!event) throw new NotFoundError('Event', id);
    return event;
  }

  /** HOLD step 1: the event after the seats were taken and its moves in flight, or undefined when it lacks the seats. */
  holdSeats(eventId: string, move: SeatMove): Promise<{ event: Event; moves: SeatMove[] } | undefined> {
    return this.events.hold(eventId, move);
  }

  /**
   * RETURN step 1 (domain/seat-move.ts): marks a fresh move of the owner's seats; nothing moves yet. The
   * owner then records the move's id in its ending transition (step 2) and calls `completeReturn` (step 3).
   */
  async markReturn(eventId: string, owner: Pick<SeatMove, 'ownerKind' | 'ownerId' | 'seats'>): Promise<SeatMove> {
    const move: SeatMove = { id: newId(), kind: 'RETURN', ...owner, at: this.clock.now() };
    await this.events.markReturn(eventId, move);
    return move;
  }

  /**
   * RETURN step 3, for the owner as it now stands (undefined when its ending transition lost): the seats of
   * the move it recorded come back, once — guarded by the move's marker, so this also finishes what a
   * crash left of an earlier ending and is a no-op once done; a fresh move it did not record (`marked`)
   * only loses its marker, after the answer.
   */
  async completeReturn(eventId: string, owner: ReturnOwner | undefined, marked?: SeatMove): Promise<void> {
    if (owner?.returnedBy && !owner.settled) await this.events.giveSeatsBack(eventId, owner.returnedBy, owner.seats);
    if (marked && owner?.returnedBy !== marked.id) this.forgetMove(eventId, marked.id);
  }

  /** Gives a move's seats back: RETURN step 3 (a retry's or the reconcile pass's), or the undo of a HOLD that lost its owner. */
  giveSeatsBack(eventId: string, move: Pick<SeatMove, 'id' | 'seats'>): Promise<boolean> {
    return this.events.giveSeatsBack(eventId, move.id, move.seats);
  }

  /** The marker of a move that counts for good (or never will) is removed after the answer, batched. */
  forgetMove(eventId: string, moveId: string): void {
    this.followUps.add(this.markerCleanup, { eventId, moveId });
  }

  removeMarkerNow(eventId: string, moveId: string): Promise<void> {
    return this.events.removeMarkers([{ eventId, moveId }]);
  }

  movesBefore(before: Date): Promise<{ eventId: string; move: SeatMove }[]> {
    return this.events.findMovesBefore(before);
  }

  inventories(): Promise<EventInventory[]> {
    return this.events.listInventories();
  }
}
