import type { BenchOptions } from './bench-options';
import type { TargetRow } from './bench-targets';
import { SEED_CONCURRENCY, type HotPoint } from './hot-event-curve';
import type { RoundResult } from './load-round';
import type { ScenarioName } from './load-scenarios';
import type { RoundTripRow } from './round-trips';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  /** 1-minute load average when the run started and ended: the machine may be shared. */
  loadStart: number;
  loadEnd: number;
}

export interface ScenarioResult {
  name: ScenarioName;
  rounds: RoundResult[];
  /** Why the rounds stopped short, if they did. */
  failure?: string;
  /** Medians over the rounds, each figure on its own. */
  rps: number;
  p50: number;
  p99: number;
}

export interface BenchReport {
  label: string;
  startedAt: Date;
  minutes: number;
  machine: MachineInfo;
  options: BenchOptions;
  autocannonVersion: string;
  scenarios: ScenarioResult[];
  roundTrips: RoundTripRow[];
  hot: HotPoint[];
  targets: TargetRow[];
}

function table(header: string[], align: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${align.join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join(
    '\n',
  );
}

function verdict(pass: boolean | undefined): string {
  if (pass === undefined) return 'n/a';
  return pass ? '**PASS**' : '**MISS**';
}

function ms(value: number): string {
  return Number.isNaN(value) ? '–' : value.toFixed(1);
}

function roundCell(round: RoundResult, connections: number): string {
  const shortWave = round.answers < connections ? '*' : '';
  const exhausted = round.exhausted ? ` (pool empty at ${round.seconds.toFixed(1)} s)` : '';
  return `${round.rps.toFixed(0)}${shortWave}${exhausted}`;
}

export function renderReport(report: BenchReport): string {
  const { machine, options } = report;
  const rounds = `${options.rounds} round${options.rounds === 1 ? '' : 's'} of ${options.seconds} s`;
  const throughput = table(
    ['request', 'rps', 'p50 ms', 'p99 ms', 'errors', 'rps per round'],
    ['---', '---:', '---:', '---:', '---:', '---'],
    report.scenarios.map((s) => [
      s.name,
      s.rps.toFixed(0),
      ms(s.p50),
      ms(s.p99),
      String(s.rounds.reduce((sum, round) => sum + round.errors, 0)),
      [
        ...s.rounds.map((round) => roundCell(round, report.options.connections)),
        ...(s.failure ? [s.failure] : []),
      ].join(', '),
    ]),
  );
  const roundTrips = table(
    ['request', 'first', 'replay'],
    ['---', '---:', '---:'],
    report.roundTrips.map((row) => [row.request, row.first, row.replay ?? '–']),
  );
  const empty = report.hot.find((point) => point.size === 0)?.medianMs;
  const hot = table(
    ['active locks on the event', 'median lock ms', '× at 0', 'samples', 'seeding s', 'note'],
    ['---:', '---:', '---:', '---:', '---:', '---'],
    report.hot.map((point) =>
      point.medianMs === undefined
        ? [
            String(point.size),
            '–',
            point.projectedMs !== undefined && empty ? `≈ ${(point.projectedMs / empty).toFixed(0)} (projected)` : '–',
            '–',
            '–',
            `not measured: ${point.skipped}`,
          ]
        : [
            String(point.size),
            point.medianMs.toFixed(1),
            empty ? (point.medianMs / empty).toFixed(2) : '–',
            String(point.samples),
            point.seedSeconds!.toFixed(1),
            point.note ?? '',
          ],
    ),
  );
  const targets = table(
    ['target', 'measured', 'result'],
    ['---', '---', '---'],
    report.targets.map((row) => [row.target, row.measured, verdict(row.pass)]),
  );

  return [
    `# \`npm run bench\` results${options.quick ? ' (--quick)' : ''}`,
    '',
    `- **Code:** ${report.label}`,
    `- **Date:** ${report.startedAt.toISOString()} (the run took ${report.minutes.toFixed(1)} min)`,
    `- **Machine:** ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB.toFixed(1)} GiB, Node ${machine.node}; ` +
      `load average ${machine.loadStart.toFixed(2)} at the start, ${machine.loadEnd.toFixed(2)} at the end`,
    '- **Service:** `node dist/main.js` on the embedded engine (FerretDB, SQLite, serializing relay) in a fresh DATA_DIR, ' +
      '`LOG_LEVEL=warn`, `JOBS_CRON_ENABLED=false`',
    `- **Load:** autocannon ${report.autocannonVersion}, ${options.connections} connections, ${rounds} per request; ` +
      `figures are medians over the rounds`,
    '',
    '## Throughput and latency',
    '',
    'rps counts only the expected answer (200 for reads, 201 for writes); latencies cover the 2xx answers; errors are ' +
      'every other answer, plus timeouts. ' +
      'A round marked * got fewer answers than it has connections: requests were still out when it ended, so its rps ' +
      'is a floor and its latencies miss the slowest requests (run longer rounds with `--seconds`).',
    '',
    throughput,
    '',
    '## Database round trips per request (`X-Db-Round-Trips`)',
    '',
    roundTrips,
    '',
    '## Hot event: sequential lock latency against the active locks on the event',
    '',
    `Median of ${options.hotSamples} sequential \`POST /api/locks\` with new keys; locks seeded ${SEED_CONCURRENCY} in flight; ` +
      `at most ${options.hotMaxMinutes} min of seeding per size. A projection draws a straight line through 0 and the ` +
      'largest measured size.',
    '',
    hot,
    '',
    '## Targets (issue 8)',
    '',
    targets,
    '',
  ].join('\n');
}
