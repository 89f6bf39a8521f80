import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEngine } from '../../src/dev-engine/embedded-engine';

/**
 * One embedded engine that several app instances join, as separate service instances would share one
 * database: start it in beforeAll, hand its `uri` to each `startTestApp({ MONGODB_URI: uri, ... })`,
 * close the apps first and then `shutdown()` it in afterAll. Clients reach it through the engine's
 * serializing relay, so any number of connections is safe.
 */
export interface SharedEngine {
  readonly engine: EmbeddedEngine;
  readonly uri: string;
  shutdown(): Promise<void>;
}

export async function startSharedEngine(database = 'booking'): Promise<SharedEngine> {
  const dataDir = mkdtempSync(join(tmpdir(), 'booking-shared-'));
  const engine = await EmbeddedEngine.launch(dataDir);
  return {
    engine,
    uri: engine.uri(database),
    shutdown: async () => {
      await engine.shutdown();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
