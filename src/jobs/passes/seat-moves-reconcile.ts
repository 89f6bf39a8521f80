import { Injectable } from '@nestjs/common';
import { BookingsService } from '../../bookings/bookings.service';
import { resolveStaleMove, type OwnerVerdict, type SeatMove } from '../../events/domain/seat-move';
import { EventsService } from '../../events/events.service';
import { LocksService } from '../../locks/locks.service';
import type { JobContext } from '../job-runner';

/**
 * Seat moves that dead requests (or dead job holders) left in flight are applied, undone or forgotten as
 * their owner's record says (events/domain/seat-move.ts). Both expiry jobs run it: a lock's moves and a
 * booking's may be left by either, and every step is guarded, so two runs at once change nothing twice.
 */
@Injectable()
export class SeatMovesReconcile {
  constructor(
    private readonly events: EventsService,
    private readonly locks: LocksService,
    private readonly bookings: BookingsService,
  ) {}

  async run(before: Date, context: JobContext): Promise<void> {
    for (const { eventId, move } of await this.events.movesBefore(before)) {
      try {
        const action = resolveStaleMove(move, await this.fencedVerdict(eventId, move));
        if (action === 'WAIT') continue;
        if (action === 'GIVE_SEATS_BACK') await this.events.giveSeatsBack(eventId, move);
        else await this.events.removeMarkerNow(eventId, move.id);
        // Noted, not counted as processed: the move may be one a live request finishes at the same moment.
        context.tally.note(`settled ${move.kind} ${move.id} of ${move.ownerKind} ${move.ownerId}: ${action}`);
      } catch (error) {
        context.tally.failed(move.id, error);
      }
    }
  }

  /**
   * The owner's verdict on a stale move. A RETURN its owner has not decided is fenced first (voided on the
   * owner, whose ending then refuses it), so a paused request can never record it after its marker is gone.
   */
  private async fencedVerdict(eventId: string, move: SeatMove): Promise<OwnerVerdict> {
    const verdict = await this.verdictOf(eventId, move);
    if (verdict !== 'UNDECIDED' || move.kind !== 'RETURN') return verdict;
    await (move.ownerKind === 'lock' ? this.locks.voidReturn(move) : this.bookings.voidReturn(move));
    // Either the fence or the owner's ending came first: asking again tells which.
    return this.verdictOf(eventId, move);
  }

  private verdictOf(eventId: string, move: SeatMove): Promise<OwnerVerdict> {
    return move.ownerKind === 'lock' ? this.locks.verdictOn(eventId, move) : this.bookings.verdictOn(move);
  }
}
