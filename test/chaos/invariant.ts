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

export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
