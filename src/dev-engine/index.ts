import type { DevelopmentEngineEntry } from '../database/development-engine';
import { EmbeddedEngine } from './embedded-engine';

/** What the database module loads when MONGODB_URI is unset (src/database/development-engine.ts). */
export const launchDevelopmentEngine: DevelopmentEngineEntry['launchDevelopmentEngine'] = (dataDir) =>
  EmbeddedEngine.launch(dataDir);
