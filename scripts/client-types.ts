/**
 * The client's types, generated from the OpenAPI document the app serves at /docs-json:
 *   npm run client:generate   writes client/generated/api.ts
 *   npm run client:check      fails when the committed file is not what the current app generates
 * The app is built in Nest's preview mode (modules and controllers, no providers): the document comes
 * from the controllers and DTOs alone, so no database is started. It is read through the same Express
 * route that serves it, byte for byte what /docs-json answers. The app is the compiled one in dist/ (the
 * npm scripts run `nest build` first): the Swagger CLI plugin derives the DTOs' schemas at compile time,
 * so only a build serves the document a deployment serves.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import request from 'supertest';
import type { AppModule as AppModuleClass } from '../src/app.module';
import type { setupOpenApi as SetupOpenApi } from '../src/openapi/openapi.setup';

const DIST = join(__dirname, '..', 'dist');
/* eslint-disable @typescript-eslint/no-require-imports -- the compiled app is loaded at run time from dist/ */
const { AppModule } = require(join(DIST, 'app.module')) as { AppModule: typeof AppModuleClass };
const { setupOpenApi } = require(join(DIST, 'openapi', 'openapi.setup')) as { setupOpenApi: typeof SetupOpenApi };
/* eslint-enable @typescript-eslint/no-require-imports */

const TARGET = join(__dirname, '..', 'client', 'generated', 'api.ts');

async function servedDocument(): Promise<string> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    preview: true,
    logger: false,
    bodyParser: false,
    abortOnError: false,
  });
  try {
    setupOpenApi(app);
    const answer = await request(app.getHttpAdapter().getInstance()).get('/docs-json');
    if (answer.status !== 200) throw new Error(`/docs-json answered ${answer.status}`);
    return answer.text;
  } finally {
    await app.close();
  }
}

async function generate(): Promise<string> {
  return astToString(await openapiTS(await servedDocument()));
}

async function main(): Promise<void> {
  const generated = await generate();
  if (!process.argv.includes('--check')) {
    writeFileSync(TARGET, generated);
    process.stdout.write('wrote client/generated/api.ts\n');
    return;
  }
  if (readFileSync(TARGET, 'utf8') !== generated) {
    process.stderr.write(
      'client/generated/api.ts does not match the OpenAPI document the app serves: run `npm run client:generate` and commit it\n',
    );
    process.exit(1);
  }
  process.stdout.write('client/generated/api.ts matches the served OpenAPI document\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`client types: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
