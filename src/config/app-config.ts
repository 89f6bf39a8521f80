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

  /** Jobs, audit and admin routes open to anyone outside development: main.ts warns about it at boot. */
  get adminRoutesUnguarded(): boolean {
    return this.ADMIN_TOKEN === undefined && !UNGUARDED_ENVIRONMENTS.includes(this.NODE_ENV ?? '');
  }
}

export class ConfigError extends Error {}

const KNOWN_KEYS = Object.keys(new AppConfig());

export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const picked: Record<string, string> = {};
  for (const key of [...KNOWN_KEYS, 'MONGODB_URI', 'ADMIN_TOKEN', 'NODE_ENV']) {
    const value = env[key];
    if (value !== undefined) picked[key] = value;
  }
  const config = plainToInstance(AppConfig, picked);
  const errors = validateSync(config, { whitelist: true });
  if (errors.length > 0) {
    const messages = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration — ${messages.join(' | ')}`);
  }
  return config;
}
