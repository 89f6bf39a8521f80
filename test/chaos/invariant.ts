/** One invariant's verdict: how many things it looked at and a line per violation. */
export interface InvariantResult {
  name: string;
  checked: number;
  violations: string[];
}

export class InvariantCheck implements InvariantResult {
  checked = 0;
  readonly violations: string[] = [];

  constructor(readonly name: string) {}

  /** Counts one checked item and records a violation when `holds` is false. */
  expect(holds: boolean, describe: () => string): void {
    this.checked++;
    if (!holds) this.violations.push(describe());
  }
}
