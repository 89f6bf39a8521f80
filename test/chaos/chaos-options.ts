/** What one chaos run does; every knob has a default so `npm run chaos` alone is a sensible run. */
export interface ChaosOptions {
  durationSeconds: number;
  clients: number;
  instances: number;
  seed: number;
  /** Base port of the service instances (instance i listens on basePort + i). */
  basePort: number;
  /** Fixed port of the harness's proxy in front of the engine. */
  enginePort: number;
  /** Seconds between the end of one fault and the start of the next. */
  faultIntervalSeconds: number;
  /** Leave the run's data folder and logs behind (they are always kept when a run fails). */
  keepData: boolean;
  /** Fail the run unless every kind of fault (kill, pause, engine restart) happened at least once. */
  requireEachFault: boolean;
  /**
   * Production-like: the instances trust a local OpenID Connect issuer and every client sends its own
   * token. `--open` runs them without identity, as a workstation does.
   */
  secured: boolean;
}

const USAGE = `usage: npm run chaos -- [--duration 60] [--clients 12] [--instances 3] [--seed N]
       [--base-port 4310] [--engine-port 4300] [--fault-interval 6] [--keep-data] [--require-each-fault] [--open]`;

const DEFAULTS: ChaosOptions = {
  durationSeconds: 60,
  clients: 12,
  instances: 3,
  seed: Date.now() % 1_000_000,
  basePort: 4310,
  enginePort: 4300,
  faultIntervalSeconds: 6,
  keepData: false,
  requireEachFault: false,
  secured: true,
};

const NUMERIC_FLAGS: Record<string, keyof ChaosOptions> = {
  '--duration': 'durationSeconds',
  '--clients': 'clients',
  '--instances': 'instances',
  '--seed': 'seed',
  '--base-port': 'basePort',
  '--engine-port': 'enginePort',
  '--fault-interval': 'faultIntervalSeconds',
};

export function parseChaosOptions(argv: readonly string[]): ChaosOptions {
  const options: ChaosOptions = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--open') {
      options.secured = false;
      continue;
    }
    if (flag === '--keep-data' || flag === '--require-each-fault') {
      options[flag === '--keep-data' ? 'keepData' : 'requireEachFault'] = true;
      continue;
    }
    if (flag === '--help' || flag === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    const [name, inline] = flag.split('=', 2);
    const field = NUMERIC_FLAGS[name];
    const raw = inline ?? argv[++i];
    const value = Number(raw);
    if (!field || !Number.isInteger(value) || value < 0) throw new Error(`bad option ${flag} ${raw ?? ''}\n${USAGE}`);
    (options[field] as number) = value;
  }
  if (options.instances < 2) throw new Error('--instances must be at least 2: takeovers need a twin');
  if (options.clients < 1 || options.durationSeconds < 10) throw new Error('--clients >= 1 and --duration >= 10');
  return options;
}
