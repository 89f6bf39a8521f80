import { InvalidRequestError } from '../../common/errors/domain-error';
import { idFromName } from '../../common/ids';

export const MAX_TOTAL_SEATS = 100_000;

export interface EventProps {
  id: string;
  name: string;
  totalSeats: number;
  availableSeats: number;
  /** Price of one seat in minor units (cents). */
  price: number;
  startsAt: Date;
}

/** Read-only view of the props; behaviour lives in the methods below. */
export interface Event extends Readonly<EventProps> {}

export class Event {
  private constructor(props: EventProps) {
    Object.assign(this, props);
  }

  static schedule(input: Omit<EventProps, 'availableSeats'>, now: Date): Event {
    if (!Number.isInteger(input.totalSeats) || input.totalSeats < 1 || input.totalSeats > MAX_TOTAL_SEATS) {
      throw new InvalidRequestError('EVENT.INVALID', `totalSeats must be an integer from 1 to ${MAX_TOTAL_SEATS}`);
    }
    if (!Number.isInteger(input.price) || input.price < 0) {
      throw new InvalidRequestError('EVENT.INVALID', 'price must be a non-negative integer in minor units');
    }
    if (input.startsAt.getTime() <= now.getTime()) {
      throw new InvalidRequestError('EVENT.INVALID', 'startsAt must be in the future');
    }
    return new Event({ ...input, availableSeats: input.totalSeats });
  }

  /**
   * The id of the event scheduled under an idempotency key, derived from the key: whatever runs the request
   * twice (a retry after a lost answer, a takeover of a paused request) finds the first event under that id
   * instead of scheduling a second. Unlike other ids these do not sort by creation time; nothing orders
   * events by id.
   */
  static idForKey(key: string): string {
    return idFromName(`event ${key}`);
  }

  /** Whether this event is the one `request` asks for (a key is one request, whatever runs it). */
  isScheduleOf(request: Pick<EventProps, 'name' | 'totalSeats' | 'price' | 'startsAt'>): boolean {
    return (
      this.name === request.name &&
      this.totalSeats === request.totalSeats &&
      this.price === request.price &&
      this.startsAt.getTime() === request.startsAt.getTime()
    );
  }

  static restore(props: EventProps): Event {
    return new Event(props);
  }
}
