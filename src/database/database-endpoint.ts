import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { launchDevelopmentEngine, type DevelopmentEngine } from './development-engine';

const EMBEDDED_DATABASE = 'booking';

/**
 * Where the service's data lives: MONGODB_URI when set, otherwise the development engine (embedded
 * FerretDB, src/dev-engine/) started for this process and stopped with it. The embedded engine is reached
 * over one pooled connection because FerretDB 1.x does not make a conditional update atomic across connections.
 */
@Injectable()
export class DatabaseEndpoint implements OnApplicationShutdown {
  private constructor(
    readonly uri: string,
    readonly maxPoolSize: number | undefined,
    readonly embeddedEngine: DevelopmentEngine | undefined,
  ) {}

  static async resolve(config: AppConfig): Promise<DatabaseEndpoint> {
    if (config.MONGODB_URI) return new DatabaseEndpoint(config.MONGODB_URI, undefined, undefined);
    const engine = await launchDevelopmentEngine(config.DATA_DIR);
    return new DatabaseEndpoint(engine.uri(EMBEDDED_DATABASE), 1, engine);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.embeddedEngine?.shutdown();
  }
}
