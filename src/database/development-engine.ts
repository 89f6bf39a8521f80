/**
 * The development engine as the database module sees it: a MongoDB-compatible server started for this
 * process when MONGODB_URI is unset. Its implementation (src/dev-engine/) is loaded only then, so the
 * production image, built without that folder, never needs it.
 */
export interface DevelopmentEngine {
  uri(database: string): string;
  shutdown(): Promise<void>;
}

/** What src/dev-engine/index.ts exports. */
export interface DevelopmentEngineEntry {
  launchDevelopmentEngine(dataDir: string): Promise<DevelopmentEngine>;
}

/** The development engine cannot start (no Go toolchain, a failed build), or this build does not contain it. */
export class EngineUnavailableError extends Error {}

// A path held in a variable: the compiler does not follow it, so a build without src/dev-engine compiles.
const ENTRY = '../dev-engine';

export async function launchDevelopmentEngine(dataDir: string): Promise<DevelopmentEngine> {
  let entry: DevelopmentEngineEntry;
  try {
    entry = (await import(ENTRY)) as DevelopmentEngineEntry;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    throw new EngineUnavailableError(
      'MONGODB_URI is not set and this build has no development engine: set MONGODB_URI to your MongoDB',
    );
  }
  return entry.launchDevelopmentEngine(dataDir);
}
