import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { DatabaseEndpoint } from '../../src/database/database-endpoint';
import type { EmbeddedEngine } from '../../src/database/embedded/embedded-engine';

export interface TestApp {
  app: INestApplication;
  http: () => TestAgent;
  /** The engine this app started, when it runs on its own embedded engine. */
  engine?: EmbeddedEngine;
  close(): Promise<void>;
}

/**
 * Boots the real AppModule exactly as main.ts does. Without MONGODB_URI in `env` the app starts its own
 * embedded engine on a fresh temporary folder; with it, the app joins that database.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const settings: Record<string, string> = {
    DATA_DIR: mkdtempSync(join(tmpdir(), 'booking-e2e-')),
    LOG_LEVEL: 'silent',
    DB_TIMEOUT_MS: '1500',
    JOBS_CRON_ENABLED: 'false',
    ...env,
  };
  const saved = { ...process.env };
  Object.assign(process.env, settings);
  if (!('MONGODB_URI' in env)) delete process.env.MONGODB_URI;
  let app: INestApplication;
  try {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ bodyParser: false, bufferLogs: true });
  } finally {
    process.env = saved;
  }
  configureApp(app);
  await app.init();
  return {
    app,
    http: () => request(app.getHttpServer()),
    engine: app.get(DatabaseEndpoint).embeddedEngine,
    close: () => app.close(),
  };
}

/**
 * One app for the enclosing `describe`: started in its beforeAll, closed in its afterAll. The handle
 * answers for that app once beforeAll has run, so specs use it exactly like the TestApp it stands for.
 */
export function useTestApp(env: Record<string, string> = {}): TestApp {
  let current: TestApp | undefined;
  beforeAll(async () => {
    current = await startTestApp(env);
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
