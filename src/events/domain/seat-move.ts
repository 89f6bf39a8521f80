/**
 * Seat inventory without a hold per lock on the event (architecture rule 1).
 *
 * The event keeps one counter, `availableSeats`, and a marker per move *in flight* (`pending.<moveId>`),
 * so its document is bounded by in-flight work, not by active holds. Every attempt to move seats uses a
 * fresh move id, and exactly one attempt per owner (lock or booking) is recorded by the owner as the
 * move that counts:
 *
 * HOLD (a lock takes seats)
 *   1. event: `availableSeats >= n` → `$inc -n`, marker {HOLD}       — the seats are taken at once;
 *   2. lock inserted with `_id = moveId` (unique, and unique per idempotency key) — the claim;
 *   3. marker removed (follow-up). A loser of 2 (a twin's lock won the key) gives its seats back:
 *      `{ marker exists }` → `$inc +n`, `$unset marker`, which can happen once.
 * RETURN (a lock or booking ends and gives its seats back)
 *   1. event: marker {RETURN}, nothing moved yet;
 *   2. owner's ending transition records `returnedBy: moveId` — one winner per owner;
 *   3. event: `{ marker exists }` → `$inc +n`, `$unset marker` — once. A loser of 2 only removes its marker.
 *   Seats are never given back before the owner has ended, so nothing has to be taken back again: an undo
 *   that could find the seats resold (and oversell) does not exist.
 *   A RETURN whose request died before step 2 is fenced, the counterpart of ABANDONED for a HOLD: the
 *   reconcile pass records the move as void on its owner (`voidedReturns`, only while the owner has no
 *   `returnedBy`), and the owner's ending transition refuses a voided move id. Whichever of the two single-
 *   document updates comes first wins, so the move either counts or never will, and only then may its
 *   marker go.
 *
 * A marker older than a live request is settled by the reconcile pass from the owner's record alone
 * (`resolveStaleMove`), and a marker is removed only together with the move it stands for or once its
 * move counts for good — so a paused twin that wakes up later finds no marker to act on, and its own new
 * marker can never win its owner.
 */
export type SeatMoveKind = 'HOLD' | 'RETURN';
export type SeatOwnerKind = 'lock' | 'booking';

export interface SeatMove {
  id: string;
  kind: SeatMoveKind;
  ownerKind: SeatOwnerKind;
  ownerId: string;
  seats: number;
  at: Date;
  /** A HOLD's idempotency key: the retry that wins the key gives back the holds of the attempts it replaced. */
  key?: string;
}

/** What the owner says about a move: its record is the only judge of whether a move counts. */
export type OwnerVerdict =
  /** The owner recorded this move (a HOLD's lock exists; a RETURN is the owner's `returnedBy`). */
  | 'COUNTS'
  /** The owner can never record it: another move won, or the owner ended without it. */
  | 'VOID'
  /** The owner has not decided yet (a RETURN whose owner has not ended). */
  | 'UNDECIDED';

export type StaleMoveAction = 'GIVE_SEATS_BACK' | 'REMOVE_MARKER' | 'WAIT';

export function resolveStaleMove(move: SeatMove, verdict: OwnerVerdict): StaleMoveAction {
  if (verdict === 'UNDECIDED') return 'WAIT';
  if (move.kind === 'HOLD') return verdict === 'COUNTS' ? 'REMOVE_MARKER' : 'GIVE_SEATS_BACK';
  return verdict === 'COUNTS' ? 'GIVE_SEATS_BACK' : 'REMOVE_MARKER';
}

/** What the owner of a RETURN records about its moves: the one that counts, and the ones fenced out. */
export interface ReturnOwner {
  returnedBy?: string;
  voidedReturns?: readonly string[];
  /** The owner is in a state no transition leaves. */
  final: boolean;
}

/** What a RETURN's owner says, from its state and the moves it recorded. */
export function returnVerdict(move: SeatMove, owner: ReturnOwner | undefined): OwnerVerdict {
  if (!owner) return 'VOID';
  if (owner.returnedBy === move.id) return 'COUNTS';
  if (owner.returnedBy !== undefined || owner.final || owner.voidedReturns?.includes(move.id)) return 'VOID';
  return 'UNDECIDED';
}
