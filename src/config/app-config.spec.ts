import { AppConfig, ConfigError, loadConfig } from './app-config';

const errorOf = (env: NodeJS.ProcessEnv): Error => {
  try {
    loadConfig(env);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected loadConfig to throw');
};

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
      JOBS_CRON_ENABLED: true,
      JOBS_CRON: '0 * * * * *',
      JOB_LEASE_SECONDS: 30,
      JOB_BATCH_SIZE: 200,
      RECONCILE_AFTER_SECONDS: 60,
      LOG_LEVEL: 'info',
      DB_TIMEOUT_MS: 3000,
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
    [{ NODE_ENV: 'production' }, true],
    [{ NODE_ENV: 'staging' }, true],
    [{ NODE_ENV: 'development' }, false],
    [{ NODE_ENV: 'test' }, false],
    [{ NODE_ENV: 'production', ADMIN_TOKEN: 'a-long-enough-token' }, false],
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
    ['JOBS_CRON_ENABLED', 'maybe'],
    ['JOBS_CRON_ENABLED', 'yes'],
    ['JOBS_CRON', '* * * *'],
    ['MONGODB_URI', 'http://x'],
    ['MONGODB_URI', 'mongodb://'],
    ['ADMIN_TOKEN', 'short'],
    ['LOG_LEVEL', 'verbose'],
    ['DB_TIMEOUT_MS', '99'],
    ['DATA_DIR', ''],
  ])('refuses %s=%p with a ConfigError naming the variable', (name, value) => {
    const error = errorOf({ [name]: value });

    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain(`${name}:`);
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
});
