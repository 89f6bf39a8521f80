import { NotOwnerError, OtherUserError } from './auth-errors';

export type Role = 'organizer' | 'admin';

/**
 * Who is asking. With identity on, a token's subject and its roles, or the operators' machine credential
 * (ADMIN_TOKEN, which acts on operator routes only). With identity off (development), OPEN: every caller
 * may do anything and act for anyone, as before identity existed; the service's own work (jobs, the
 * reconcile pass) acts as OPEN too.
 */
export class Principal {
  static readonly OPEN = new Principal(undefined, [], 'open');
  static readonly ADMIN_TOKEN = new Principal(undefined, ['admin'], 'admin-token');

  private constructor(
    /** The token's `sub`; undefined for OPEN and for the admin token, which own nothing. */
    readonly subject: string | undefined,
    private readonly roles: readonly string[],
    private readonly kind: 'open' | 'subject' | 'admin-token',
  ) {}

  static subjectOf(subject: string, roles: readonly string[]): Principal {
    return new Principal(subject, roles, 'subject');
  }

  get isOpen(): boolean {
    return this.kind === 'open';
  }

  hasRole(role: Role): boolean {
    return this.isOpen || this.roles.includes(role);
  }

  /** Reads: the owner, an admin, anyone while identity is off. Everyone else is told it does not exist. */
  maySee(ownerId: string): boolean {
    return this.seesEverything || this.subject === ownerId;
  }

  /** An admin, or anyone while identity is off. */
  get seesEverything(): boolean {
    return this.isOpen || this.roles.includes('admin');
  }

  /**
   * Changes: the owner only (anyone while identity is off). An admin reads other people's resources but
   * never acts for them; only an admin gets this far with someone else's, as everyone else saw a 404.
   */
  assertMayChange(ownerId: string): void {
    if (!this.isOpen && this.subject !== ownerId) throw new NotOwnerError();
  }

  /**
   * Who owns what this principal creates: its subject. `userId` in a request may only repeat it; while
   * identity is off it names the owner (undefined then means the request named none).
   */
  ownerNamed(userId: string | undefined): string | undefined {
    if (this.isOpen) return userId;
    if (this.subject === undefined || (userId !== undefined && userId !== this.subject)) throw new OtherUserError();
    return this.subject;
  }

  /**
   * The filter a guarded write on an owned document adds: the subject, so the write cannot touch someone
   * else's (undefined while identity is off: no filter). Nobody owns what the admin token would touch.
   */
  get ownerFilter(): string | undefined {
    return this.isOpen ? undefined : (this.subject ?? '');
  }

  /**
   * `name` made this principal's own, so the same name sent by two people is two names: the scope an
   * idempotency key is claimed in (the route's), and an event's key before it names the event. Encoded so
   * that no subject can forge another's name (a record's id is `<scope> <key>`, and a subject may contain
   * spaces). OPEN and the admin token, one shared identity each, keep the name as it is, as before
   * identity existed.
   */
  qualify(name: string): string {
    return this.subject === undefined ? name : `${name}|sub=${encodeURIComponent(this.subject)}`;
  }
}

const principals = new WeakMap<object, Principal>();

/** The guard's verdict travels with the request, where the interceptor and the handlers find it. */
export function attachPrincipal(request: object, principal: Principal): void {
  principals.set(request, principal);
}

export function principalOf(request: object): Principal {
  const principal = principals.get(request);
  // Never default to OPEN: a route the guard did not see must fail, not run unchecked.
  if (!principal) throw new Error('No principal on this request: the auth guard did not run for its route');
  return principal;
}
