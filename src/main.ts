import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { AppConfig, ConfigError } from './config/app-config';
import { EngineUnavailableError } from './database/embedded/ferretdb-binary';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(AppModule, { bodyParser: false, bufferLogs: true });
  configureApp(app);
  await app.listen(app.get(AppConfig).PORT, '0.0.0.0');
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
