import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateBy,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

const toBool = ({ value }: { value: unknown }) => {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return value;
};

const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** Every minute, on the minute; also the static expression the scheduler's @Cron methods declare. */
export const DEFAULT_JOBS_CRON = '0 * * * * *';

/** A fault-injection knob: any value in a test deployment, only 0 with NODE_ENV=production. */
const ZeroInProduction = () =>
  ValidateBy({
    name: 'zeroInProduction',
    validator: {
      validate: (value, args) => value === 0 || (args?.object as AppConfig).NODE_ENV !== 'production',
      defaultMessage: (args) => `${args?.property} is a fault-injection knob: it must be 0 with NODE_ENV=production`,
    },
  });

/** The only environments where operator routes may run without ADMIN_TOKEN: a workstation and the tests. */
const UNGUARDED_ENVIRONMENTS = ['development', 'test'];

/**
 * Every setting the service reads, validated once at boot. Nothing else in the code reads
 * process.env, so this class is the complete list of knobs.
 */
export class AppConfig {
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^mongodb(\+srv)?:\/\/\S+$/, { message: 'MONGODB_URI must be a mongodb:// or mongodb+srv:// URI' })
  MONGODB_URI?: string;

  /** Where the embedded engine keeps its SQLite files when MONGODB_URI is unset. */
  @IsString()
  @MinLength(1)
  DATA_DIR = './data';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  LOCK_TTL_SECONDS = 600;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(7 * 86400)
  BOOKING_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(30 * 86400)
  IDEMPOTENCY_TTL_SECONDS = 86400;

  /** How long a claimed idempotency key stays blocked if its request dies without finishing. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(300)
  IDEMPOTENCY_LEASE_SECONDS = 10;

  /**
   * The most two instances' clocks (and the database's) may differ. A claim is taken over only once its
   * lease has passed by more than this, and a replay is served from memory only until this long before its
   * record expires, so clocks apart by up to this much never run a key twice at once or answer it two ways.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60000)
  CLOCK_SKEW_TOLERANCE_MS = 2000;

  @Transform(toBool)
  @IsBoolean()
  JOBS_CRON_ENABLED = true;

  /** Six-field cron expression (seconds first) shared by both expiry jobs. */
  @Matches(/^\S+( \S+){4,5}$/, { message: 'JOBS_CRON must be a cron expression' })
  JOBS_CRON = DEFAULT_JOBS_CRON;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  JOB_LEASE_SECONDS = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  JOB_BATCH_SIZE = 200;

  /**
   * How long follow-up work may stay owed (a request between two steps) before the jobs finish it
   * themselves; longer than any live request takes, so they rarely race one (and are safe if they do).
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86400)
  RECONCILE_AFTER_SECONDS = 60;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(512)
  ADMIN_TOKEN?: string;

  /**
   * The OpenID Connect issuer whose bearer tokens identify callers (the expected `iss`). Unset: identity is
   * off and every caller may act as anyone (development only: production refuses to start without it).
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'AUTH_ISSUER must be an http(s) URL' })
  AUTH_ISSUER?: string;

  /** What a token's `aud` must contain; required with AUTH_ISSUER. */
  @Transform(emptyToUndefined)
  @ValidateIf((config: AppConfig) => config.AUTH_ISSUER !== undefined || config.AUTH_AUDIENCE !== undefined)
  @IsString({ message: 'AUTH_AUDIENCE is required when AUTH_ISSUER is set' })
  @MinLength(1)
  AUTH_AUDIENCE?: string;

  /** Where the issuer publishes its signing keys; default `<AUTH_ISSUER>/.well-known/jwks.json`. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'AUTH_JWKS_URL must be an http(s) URL' })
  AUTH_JWKS_URL?: string;

  /**
   * The least time between two fetches of the issuer's keys that a token with an unknown `kid` may cause:
   * rotation needs no restart, and a flood of forged key ids cannot turn into a flood of fetches.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  AUTH_KEY_COOLDOWN_SECONDS = 30;

  /** The one way to run a production deployment without identity; main.ts says so loudly at boot. */
  @Transform(toBool)
  @IsBoolean()
  AUTH_DISABLED = false;

  /**
   * How "development" is known: NODE_ENV=development (or test, which Jest sets). Unset counts as a
   * deployment, so forgetting both NODE_ENV and ADMIN_TOKEN is the loud case, not the quiet one.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  NODE_ENV?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Fail fast instead of queueing when the database is down, so callers get a prompt 503. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60000)
  DB_TIMEOUT_MS = 3000;

  /**
   * How long one database command may wait for its reply before it fails (a 503 for a request): a reply
   * lost on a connection that stays open would otherwise hold the request, or the job run, forever.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(300000)
  DB_COMMAND_TIMEOUT_MS = 10000;

  /**
   * Added to every reading of the injected clock: instances running seconds apart, for the chaos harness's
   * clock-skew fault. A test knob, refused in production.
   */
  @Transform(toInt)
  @IsInt()
  @Min(-3_600_000)
  @Max(3_600_000)
  @ZeroInProduction()
  CLOCK_OFFSET_MS = 0;

  /** Jobs, audit and admin routes open to anyone outside development: main.ts warns about it at boot. */
  get adminRoutesUnguarded(): boolean {
    return (
      this.ADMIN_TOKEN === undefined &&
      this.identity === undefined &&
      !UNGUARDED_ENVIRONMENTS.includes(this.NODE_ENV ?? '')
    );
  }

  /** The issuer whose tokens identify callers; undefined when identity is off. */
  get identity(): { issuer: string; audience: string; jwksUrl: string } | undefined {
    if (this.AUTH_ISSUER === undefined || this.AUTH_AUDIENCE === undefined) return undefined;
    return {
      issuer: this.AUTH_ISSUER,
      audience: this.AUTH_AUDIENCE,
      jwksUrl: this.AUTH_JWKS_URL ?? `${this.AUTH_ISSUER.replace(/\/+$/, '')}/.well-known/jwks.json`,
    };
  }
}

/** Rules across variables, which the per-variable decorators cannot state. */
function identityProblems(config: AppConfig): string[] {
  if (config.AUTH_ISSUER !== undefined && config.AUTH_DISABLED)
    return ['AUTH_DISABLED: cannot be true while AUTH_ISSUER is set; unset one of them'];
  if (config.AUTH_JWKS_URL !== undefined && config.AUTH_ISSUER === undefined)
    return ['AUTH_JWKS_URL: needs AUTH_ISSUER (whose tokens the keys verify)'];
  if (config.NODE_ENV === 'production' && config.AUTH_ISSUER === undefined && !config.AUTH_DISABLED) {
    return [
      'AUTH_ISSUER: required when NODE_ENV=production, with AUTH_AUDIENCE (the service would otherwise let anyone ' +
        'act as anyone); AUTH_DISABLED=true runs it open anyway, never in front of customers',
    ];
  }
  return [];
}

export class ConfigError extends Error {}

/** How many times the skew tolerance every lease must exceed, so a takeover's wait stays a fraction of it. */
export const LEASE_TO_SKEW_RATIO = 3;

/**
 * The leases too short for the clock skew tolerated: a holder would spend its lease waiting out the skew.
 * (Job leases, like claims, are taken over only once they have passed by more than CLOCK_SKEW_TOLERANCE_MS.)
 */
function leaseSkewErrors(config: AppConfig): string[] {
  const floor = LEASE_TO_SKEW_RATIO * config.CLOCK_SKEW_TOLERANCE_MS;
  return (['JOB_LEASE_SECONDS', 'IDEMPOTENCY_LEASE_SECONDS'] as const)
    .filter((name) => config[name] * 1000 <= floor)
    .map(
      (name) =>
        `${name}: ${name}*1000 (${config[name] * 1000}) must exceed ${LEASE_TO_SKEW_RATIO} × CLOCK_SKEW_TOLERANCE_MS (${config.CLOCK_SKEW_TOLERANCE_MS})`,
    );
}

const KNOWN_KEYS = Object.keys(new AppConfig());

export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const picked: Record<string, string> = {};
  const optional = ['MONGODB_URI', 'ADMIN_TOKEN', 'NODE_ENV', 'AUTH_ISSUER', 'AUTH_AUDIENCE', 'AUTH_JWKS_URL'];
  for (const key of [...KNOWN_KEYS, ...optional]) {
    const value = env[key];
    if (value !== undefined) picked[key] = value;
  }
  const config = plainToInstance(AppConfig, picked);
  const errors = validateSync(config, { whitelist: true });
  const messages = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
  // Cross-variable rules are checked only once each variable is valid on its own.
  if (messages.length === 0) messages.push(...identityProblems(config), ...leaseSkewErrors(config));
  if (messages.length > 0) throw new ConfigError(`Invalid configuration — ${messages.join(' | ')}`);
  return config;
}
