import { join } from 'node:path';

export interface BenchOptions {
  quick: boolean;
  rounds: number;
  seconds: number;
  connections: number;
  /** Active locks already on the hot event before each latency sample, ascending. */
  hotSizes: number[];
  hotSamples: number;
  /** Wall-clock budget for seeding one hot size; a size projected to need more is skipped. */
  hotMaxMinutes: number;
  /** Overrides the "<branch> at <commit>" line that says which code was measured. */
  label?: string;
  out: string;
}

const USAGE =
  'usage: npm run bench -- [--quick] [--rounds=3] [--seconds=5] [--connections=32] [--hot=0,1000,10000,30000]\n' +
  '                        [--hot-samples=50] [--hot-max-minutes=10] [--label="before: main at abc1234"] [--out=bench/RESULTS.md]';

const FLAGS = ['quick', 'rounds', 'seconds', 'connections', 'hot', 'hot-samples', 'hot-max-minutes', 'label', 'out'];

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function integer(raw: string, name: string, min: number): number {
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < min) usage(`--${name} must be an integer >= ${min}, got ${raw}`);
  return value;
}

export function parseBenchOptions(argv: string[]): BenchOptions {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match || !FLAGS.includes(match[1])) usage(`unknown argument ${arg}`);
    flags.set(match[1], match[2] ?? 'true');
  }
  const quick = flags.has('quick');
  const pick = (name: string, normal: string, quickValue: string) => flags.get(name) ?? (quick ? quickValue : normal);

  const hotSizes = pick('hot', '0,1000,10000,30000', '0,1000,3000')
    .split(',')
    .map((size) => integer(size, 'hot', 0));
  // latency(N)/latency(0) needs the empty event first; sizes only ever grow because seeded locks stay active.
  const sorted = [...new Set([0, ...hotSizes])].sort((a, b) => a - b);
  if (sorted.at(-1)! > 90_000) usage('--hot sizes must stay below 90000 (the hot event has 100000 seats)');

  return {
    quick,
    rounds: integer(pick('rounds', '3', '1'), 'rounds', 1),
    seconds: integer(pick('seconds', '5', '2'), 'seconds', 1),
    connections: integer(flags.get('connections') ?? '32', 'connections', 1),
    hotSizes: sorted,
    hotSamples: integer(flags.get('hot-samples') ?? '50', 'hot-samples', 1),
    hotMaxMinutes: integer(flags.get('hot-max-minutes') ?? '10', 'hot-max-minutes', 1),
    label: flags.get('label'),
    out: flags.get('out') ?? join(__dirname, 'RESULTS.md'),
  };
}
