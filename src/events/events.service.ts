import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/errors/domain-error';
import { newId } from '../common/ids';
import { FollowUpQueue, type BatchWriter } from '../follow-up/follow-up-queue';
import { Event } from './domain/event';
import type { SeatMove } from './domain/seat-move';
import { EventsRepository, type EventInventory } from './events.repository';

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
   * owner then records the move's id in its ending transition (step 2) and calls `completeReturn`.
   */
  async markReturn(eventId: string, owner: Pick<SeatMove, 'ownerKind' | 'ownerId' | 'seats'>): Promise<SeatMove> {
    const move: SeatMove = { id: newId(), kind: 'RETURN', ...owner, at: this.clock.now() };
    await this.events.markReturn(eventId, move);
    return move;
  }

  /** RETURN step 3: the seats come back once when the owner recorded the move; a loser only drops its marker. */
  async completeReturn(eventId: string, move: SeatMove, recorded: boolean): Promise<void> {
    if (recorded) await this.events.giveSeatsBack(eventId, move.id, move.seats);
    else this.forgetMove(eventId, move.id);
  }

  /**
   * RETURN step 3 again, for an owner that recorded its move but is not settled (a crash, or its follow-ups
   * still queued): guarded by the move's marker, so it is a no-op once done. True when the owner's
   * follow-ups are still owed.
   */
  async finishReturn(
    eventId: string,
    owner: { settled: boolean; returnedBy?: string; seats: number },
  ): Promise<boolean> {
    if (owner.settled || !owner.returnedBy) return false;
    await this.giveSeatsBack(eventId, { id: owner.returnedBy, seats: owner.seats });
    return true;
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
