import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { AppConfig, ConfigError } from './config/app-config';
import { DatabaseEndpoint } from './database/database-endpoint';
import { EngineUnavailableError } from './database/embedded/ferretdb-binary';

async function bootstrap(): Promise<void> {
  // Nest's own console logger stays off until pino takes over, so a failed boot prints one line, not a stack.
  const app = await NestFactory.create(AppModule, { bodyParser: false, logger: false, abortOnError: false });
  configureApp(app);
  const config = app.get(AppConfig);
  await app.listen(config.PORT, '0.0.0.0');
  const database = app.get(DatabaseEndpoint).embeddedEngine ? `embedded FerretDB (data in ${config.DATA_DIR})` : 'MONGODB_URI';
  app.get(Logger).log(`Listening on port ${config.PORT}, database: ${database}`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  // Misconfiguration and a missing database are the operator's to fix: one line that says what to set.
  if (error instanceof ConfigError || error instanceof EngineUnavailableError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Startup failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
