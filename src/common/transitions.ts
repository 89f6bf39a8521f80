/**
 * The moves a state machine allows. Conditional updates take their guard from `sourcesOf`, so the
 * table here is the single statement of which transitions exist.
 */
export class Transitions<S extends string> {
  constructor(private readonly next: Record<S, readonly S[]>) {}

  canMove(from: S, to: S): boolean {
    return this.next[from].includes(to);
  }

  /** The states a document may leave for `to`. */
  sourcesOf(to: S): S[] {
    return (Object.keys(this.next) as S[]).filter((from) => this.next[from].includes(to));
  }
}
