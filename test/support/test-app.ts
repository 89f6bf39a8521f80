import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { Clock } from '../../src/common/clock';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { DatabaseEndpoint } from '../../src/database/database-endpoint';
import type { EmbeddedEngine } from '../../src/dev-engine/embedded-engine';
import { LocalIssuer } from './local-issuer';

export interface TestApp {
  app: INestApplication;
  http: () => TestAgent;
  /** The engine this app started, when it runs on its own embedded engine. */
  engine?: EmbeddedEngine;
  close(): Promise<void>;
}

/**
 * Boots the real AppModule exactly as main.ts does, with its configuration validated by the same
 * loadConfig but built from `env` alone: nothing is read from or written to process.env, so apps with
 * different settings can start side by side. Without MONGODB_URI in `env` the app starts its own embedded
 * engine, on a fresh temporary folder (removed once the app and its engine have stopped) unless `env`
 * names a DATA_DIR; with it, the app joins that database. `clock`, when given, is the app's Clock (an
 * instance whose time runs apart from the others, or time moved without sleeping).
 */
export async function startTestApp(env: Record<string, string> = {}, clock?: Clock): Promise<TestApp> {
  const ownDataDir =
    'MONGODB_URI' in env || 'DATA_DIR' in env ? undefined : mkdtempSync(join(tmpdir(), 'booking-e2e-'));
  const removeOwnDataDir = (): void => {
    if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
  };
  let app: INestApplication | undefined;
  try {
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DB_TIMEOUT_MS: '1500',
      JOBS_CRON_ENABLED: 'false',
      ...(ownDataDir && { DATA_DIR: ownDataDir }),
      ...env,
    });
    const builder = Test.createTestingModule({ imports: [AppModule] })
      .overrideProvider(AppConfig)
      .useValue(config);
    if (clock) builder.overrideProvider(Clock).useValue(clock);
    const moduleRef = await builder.compile();
    app = moduleRef.createNestApplication({ bodyParser: false, bufferLogs: true });
    configureApp(app);
    await app.init();
  } catch (error) {
    await app?.close();
    removeOwnDataDir();
    throw error;
  }
  const started = app;
  return {
    app: started,
    http: () => request(started.getHttpServer()),
    engine: started.get(DatabaseEndpoint).embeddedEngine as EmbeddedEngine | undefined,
    close: async () => {
      await started.close();
      removeOwnDataDir();
    },
  };
}

/**
 * One app for the enclosing `describe`: started in its beforeAll, closed in its afterAll. The handle
 * answers for that app once beforeAll has run, so specs use it exactly like the TestApp it stands for.
 */
export function useTestApp(env: Record<string, string> = {}): TestApp {
  return useStartedApp(() => startTestApp(env));
}

export interface SecuredTestApp extends TestApp {
  /** The issuer the app trusts, started before it and stopped after it. */
  readonly issuer: LocalIssuer;
}

/** useTestApp with identity on: the app trusts a LocalIssuer of its own (AUTH_ISSUER, AUTH_AUDIENCE). */
export function useSecuredTestApp(env: Record<string, string> = {}): SecuredTestApp {
  let issuer: LocalIssuer | undefined;
  const app = useStartedApp(async () => {
    issuer = await LocalIssuer.start();
    return startTestApp({ ...issuer.env, ...env });
  });
  afterAll(async () => {
    await issuer?.close();
  });
  return Object.defineProperty(app, 'issuer', {
    get: () => {
      if (!issuer) throw new Error('useSecuredTestApp: the issuer is started in beforeAll');
      return issuer;
    },
  }) as SecuredTestApp;
}

function useStartedApp(start: () => Promise<TestApp>): TestApp {
  let current: TestApp | undefined;
  beforeAll(async () => {
    current = await start();
  });
  afterAll(async () => {
    await current?.close();
  });
  const started = (): TestApp => {
    if (!current) throw new Error('useTestApp: the app is started in beforeAll; use it inside a hook or a test');
    return current;
  };
  return {
    get app() {
      return started().app;
    },
    http: () => started().http(),
    get engine() {
      return started().engine;
    },
    close: () => started().close(),
  };
}
