import { AppConfig, ConfigError, loadConfig } from './app-config';

const errorOf = (env: NodeJS.ProcessEnv): Error => {
  try {
    loadConfig(env);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected loadConfig to throw');
};

/**
 * A production environment that boots as far as every other setting goes (its identity settled: open on
 * purpose), so that only the variable under test decides.
 */
const PRODUCTION = { NODE_ENV: 'production', AUTH_DISABLED: 'true' };

describe('loadConfig', () => {
  it('uses the defaults for an empty environment', () => {
    const sut = loadConfig({});

    expect(sut).toBeInstanceOf(AppConfig);
    expect(sut).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      LOCK_TTL_SECONDS: 600,
      BOOKING_TTL_SECONDS: 900,
      IDEMPOTENCY_TTL_SECONDS: 86400,
      IDEMPOTENCY_LEASE_SECONDS: 10,
      CLOCK_SKEW_TOLERANCE_MS: 2000,
      JOBS_CRON_ENABLED: true,
      JOBS_CRON: '0 * * * * *',
      JOB_LEASE_SECONDS: 30,
      JOB_BATCH_SIZE: 200,
      RECONCILE_AFTER_SECONDS: 60,
      LOG_LEVEL: 'info',
      DB_TIMEOUT_MS: 3000,
      DB_COMMAND_TIMEOUT_MS: 10000,
      CLOCK_OFFSET_MS: 0,
    });
    expect(sut.MONGODB_URI).toBeUndefined();
    expect(sut.ADMIN_TOKEN).toBeUndefined();
  });

  it('parses integers from their string form', () => {
    const sut = loadConfig({
      PORT: '8080',
      LOCK_TTL_SECONDS: '30',
      JOB_BATCH_SIZE: ' 50 ',
      RECONCILE_AFTER_SECONDS: '0',
    });

    expect(sut.PORT).toBe(8080);
    expect(sut.LOCK_TTL_SECONDS).toBe(30);
    expect(sut.JOB_BATCH_SIZE).toBe(50);
    expect(sut.RECONCILE_AFTER_SECONDS).toBe(0);
  });

  it.each([
    ['true', true],
    ['1', true],
    ['false', false],
    ['0', false],
  ])('reads JOBS_CRON_ENABLED=%s as %p', (value, expected) => {
    expect(loadConfig({ JOBS_CRON_ENABLED: value }).JOBS_CRON_ENABLED).toBe(expected);
  });

  it('accepts a mongodb:// or mongodb+srv:// URI', () => {
    expect(loadConfig({ MONGODB_URI: 'mongodb://db:27017/booking' }).MONGODB_URI).toBe('mongodb://db:27017/booking');
    expect(loadConfig({ MONGODB_URI: 'mongodb+srv://cluster.example.net/booking' }).MONGODB_URI).toBe(
      'mongodb+srv://cluster.example.net/booking',
    );
  });

  it('treats an empty MONGODB_URI or ADMIN_TOKEN as unset', () => {
    const sut = loadConfig({ MONGODB_URI: '', ADMIN_TOKEN: '' });

    expect(sut.MONGODB_URI).toBeUndefined();
    expect(sut.ADMIN_TOKEN).toBeUndefined();
  });

  it('keeps an ADMIN_TOKEN of acceptable length', () => {
    expect(loadConfig({ ADMIN_TOKEN: 'a-long-enough-token' }).ADMIN_TOKEN).toBe('a-long-enough-token');
  });

  it.each([
    [{}, true],
    [{ NODE_ENV: 'production', AUTH_DISABLED: 'true' }, true],
    [{ NODE_ENV: 'staging' }, true],
    [{ NODE_ENV: 'development' }, false],
    [{ NODE_ENV: 'test' }, false],
    [{ NODE_ENV: 'production', AUTH_DISABLED: 'true', ADMIN_TOKEN: 'a-long-enough-token' }, false],
    [{ NODE_ENV: 'production', AUTH_ISSUER: 'https://id.example.com', AUTH_AUDIENCE: 'api' }, false],
  ])('calls the admin routes unguarded for %p: %p', (env, unguarded) => {
    expect(loadConfig(env).adminRoutesUnguarded).toBe(unguarded);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '1.5'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['LOCK_TTL_SECONDS', '0'],
    ['BOOKING_TTL_SECONDS', '1e3'],
    ['IDEMPOTENCY_TTL_SECONDS', '59'],
    ['IDEMPOTENCY_LEASE_SECONDS', '301'],
    ['CLOCK_SKEW_TOLERANCE_MS', '-1'],
    ['CLOCK_SKEW_TOLERANCE_MS', '60001'],
    ['JOBS_CRON_ENABLED', 'maybe'],
    ['JOBS_CRON_ENABLED', 'yes'],
    ['JOBS_CRON', '* * * *'],
    ['MONGODB_URI', 'http://x'],
    ['MONGODB_URI', 'mongodb://'],
    ['ADMIN_TOKEN', 'short'],
    ['LOG_LEVEL', 'verbose'],
    ['DB_TIMEOUT_MS', '99'],
    ['DB_COMMAND_TIMEOUT_MS', '99'],
    ['DATA_DIR', ''],
    ['AUTH_ISSUER', 'id.example.com'],
    ['AUTH_KEY_COOLDOWN_SECONDS', '-1'],
    ['AUTH_DISABLED', 'maybe'],
    ['CLOCK_OFFSET_MS', '1.5'],
    ['CLOCK_OFFSET_MS', '3600001'],
  ])('refuses %s=%p with a ConfigError naming the variable', (name, value) => {
    const error = errorOf({ [name]: value });

    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain(`${name}:`);
  });

  it.each([
    ['JOB_LEASE_SECONDS', { JOB_LEASE_SECONDS: '6' }],
    ['IDEMPOTENCY_LEASE_SECONDS', { IDEMPOTENCY_LEASE_SECONDS: '5' }],
  ])('refuses %s not above three times the clock skew tolerated, naming both variables', (name, env) => {
    const error = errorOf(env);

    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain(`${name}:`);
    expect(error.message).toContain('CLOCK_SKEW_TOLERANCE_MS');
  });

  it('accepts short leases under a tolerance small enough for them, and any lease with none', () => {
    expect(
      loadConfig({ JOB_LEASE_SECONDS: '1', IDEMPOTENCY_LEASE_SECONDS: '1', CLOCK_SKEW_TOLERANCE_MS: '300' }),
    ).toMatchObject({ JOB_LEASE_SECONDS: 1, CLOCK_SKEW_TOLERANCE_MS: 300 });
    expect(loadConfig({ JOB_LEASE_SECONDS: '1', CLOCK_SKEW_TOLERANCE_MS: '0' }).JOB_LEASE_SECONDS).toBe(1);
  });

  it('refuses a tolerance that leaves the default leases too short', () => {
    const error = errorOf({ CLOCK_SKEW_TOLERANCE_MS: '4000' });

    expect(error.message).toContain('IDEMPOTENCY_LEASE_SECONDS:');
    expect(error.message).not.toContain('JOB_LEASE_SECONDS:');
  });

  it('reads a negative or positive CLOCK_OFFSET_MS outside production', () => {
    expect(loadConfig({ CLOCK_OFFSET_MS: '-1500' }).CLOCK_OFFSET_MS).toBe(-1500);
    expect(loadConfig({ CLOCK_OFFSET_MS: '1500', NODE_ENV: 'staging' }).CLOCK_OFFSET_MS).toBe(1500);
    expect(loadConfig({ ...PRODUCTION, CLOCK_OFFSET_MS: '0' }).CLOCK_OFFSET_MS).toBe(0);
  });

  it('refuses a clock offset in production: it is a fault-injection knob', () => {
    const error = errorOf({ ...PRODUCTION, CLOCK_OFFSET_MS: '1500' });

    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('CLOCK_OFFSET_MS: CLOCK_OFFSET_MS is a fault-injection knob');
  });

  it('names every invalid variable at once', () => {
    const error = errorOf({ PORT: 'abc', LOCK_TTL_SECONDS: '0', JOBS_CRON_ENABLED: 'maybe' });

    expect(error.message).toContain('PORT:');
    expect(error.message).toContain('LOCK_TTL_SECONDS:');
    expect(error.message).toContain('JOBS_CRON_ENABLED:');
  });

  it('does not name the variables that are valid', () => {
    expect(errorOf({ PORT: 'abc', LOCK_TTL_SECONDS: '30' }).message).not.toContain('LOCK_TTL_SECONDS');
  });

  it('ignores environment variables it does not know', () => {
    const sut = loadConfig({ PATH: '/usr/bin', HOME: '/root', SOME_OTHER_PORT: 'abc', port: 'abc' });

    expect(sut.PORT).toBe(3000);
    expect(Object.keys(sut)).not.toEqual(expect.arrayContaining(['PATH']));
    expect(Object.keys(sut)).not.toEqual(expect.arrayContaining(['HOME']));
    expect(Object.keys(sut)).not.toEqual(expect.arrayContaining(['SOME_OTHER_PORT']));
  });

  describe('identity', () => {
    const issuer = { AUTH_ISSUER: 'https://id.example.com/', AUTH_AUDIENCE: 'event-booking-api' };

    it('is off without AUTH_ISSUER', () => {
      expect(loadConfig({}).identity).toBeUndefined();
    });

    it("is on with AUTH_ISSUER and AUTH_AUDIENCE, the keys at the issuer's well-known JWKS by default", () => {
      expect(loadConfig(issuer).identity).toEqual({
        issuer: 'https://id.example.com/',
        audience: 'event-booking-api',
        jwksUrl: 'https://id.example.com/.well-known/jwks.json',
      });
      expect(loadConfig({ ...issuer, AUTH_JWKS_URL: 'https://keys.example.com/jwks' }).identity?.jwksUrl).toBe(
        'https://keys.example.com/jwks',
      );
    });

    it.each([
      ['AUTH_AUDIENCE', { AUTH_ISSUER: 'https://id.example.com' }],
      ['AUTH_AUDIENCE', { AUTH_ISSUER: 'https://id.example.com', AUTH_AUDIENCE: '' }],
      ['AUTH_JWKS_URL', { AUTH_JWKS_URL: 'https://keys.example.com/jwks' }],
      ['AUTH_DISABLED', { ...issuer, AUTH_DISABLED: 'true' }],
    ])('refuses a setting that needs another, naming %s', (name, env) => {
      const error = errorOf(env);
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.message).toContain(`${name}:`);
    });

    it('refuses to start in production without AUTH_ISSUER, naming it', () => {
      const error = errorOf({ NODE_ENV: 'production' });

      expect(error).toBeInstanceOf(ConfigError);
      expect(error.message).toContain('AUTH_ISSUER:');
      expect(error.message).toContain('AUTH_DISABLED=true');
    });

    it('runs production open only when told so with AUTH_DISABLED=true', () => {
      const sut = loadConfig({ NODE_ENV: 'production', AUTH_DISABLED: 'true' });
      expect(sut.AUTH_DISABLED).toBe(true);
      expect(sut.identity).toBeUndefined();
    });

    it.each([{}, { NODE_ENV: 'development' }, { NODE_ENV: 'test' }, { NODE_ENV: 'staging' }])(
      'runs open outside production: %p',
      (env) => {
        expect(loadConfig(env).identity).toBeUndefined();
      },
    );
  });
});
