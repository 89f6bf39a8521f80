import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { AppConfig, ConfigError } from './config/app-config';
import { DatabaseEndpoint } from './database/database-endpoint';
import { EngineUnavailableError } from './database/development-engine';

async function bootstrap(): Promise<void> {
  // Nest's own console logger stays off until pino takes over, so a failed boot prints one line, not a stack.
  const app = await NestFactory.create(AppModule, { bodyParser: false, logger: false, abortOnError: false });
  configureApp(app);
  const config = app.get(AppConfig);
  await app.listen(config.PORT, '0.0.0.0');
  const database = app.get(DatabaseEndpoint).embeddedEngine
    ? `embedded FerretDB (data in ${config.DATA_DIR})`
    : 'MONGODB_URI';
  const logger = app.get(Logger);
  logger.log(`Listening on port ${config.PORT}, database: ${database}`, 'Bootstrap');
  const identity = config.identity;
  if (identity) {
    logger.log(
      `Identity on: bearer tokens from ${identity.issuer} for audience ${identity.audience}, keys from ${identity.jwksUrl}`,
      'Bootstrap',
    );
  } else if (config.AUTH_DISABLED) {
    logger.error(
      "AUTH_DISABLED=true: identity is OFF in a deployment. Any caller can hold, book, pay and cancel in anyone's " +
        'name and read every booking. Never put this service in front of customers like this; set AUTH_ISSUER.',
      'Bootstrap',
    );
  } else {
    logger.warn(
      'Identity is off (no AUTH_ISSUER): development mode, every caller may act as anyone. See docs/security.md.',
      'Bootstrap',
    );
  }
  if (config.adminRoutesUnguarded) {
    logger.warn(
      `ADMIN_TOKEN is not set and NODE_ENV is ${config.NODE_ENV ? `'${config.NODE_ENV}'` : 'unset'}: anyone who reaches ` +
        'this port can run /api/jobs/*, read /api/audit and /api/admin/*. Set ADMIN_TOKEN (NODE_ENV=development only on a workstation).',
      'Bootstrap',
    );
  }
}

bootstrap().catch((error: unknown) => {
  // Misconfiguration and a missing database are the operator's to fix: one line that says what to set.
  if (error instanceof ConfigError || error instanceof EngineUnavailableError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Startup failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
