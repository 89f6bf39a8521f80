import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { correlationMiddleware } from './common/correlation/correlation-id';
import { roundTripsMiddleware } from './database/round-trips';

/**
 * What cannot be declared in AppModule: middleware that must run before the body parser, the parser
 * itself, Swagger and shutdown hooks. main.ts and the e2e tests both call this, so tests exercise the
 * application exactly as it is served. Create the app with `{ bodyParser: false }`.
 */
export function configureApp(app: INestApplication): INestApplication {
  const express = app as NestExpressApplication;
  express.useLogger(express.get(Logger));
  express.use(correlationMiddleware);
  express.use(roundTripsMiddleware);
  express.useBodyParser('json', { limit: '100kb' });
  express.disable('x-powered-by');
  express.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    express,
    new DocumentBuilder()
      .setTitle('Event booking API')
      .setDescription(
        'Retry-safe seat locks, bookings, payments and refunds. Every write accepts an idempotency key ' +
          '(body `idempotencyKey` or header `Idempotency-Key`); a replay returns the stored answer with ' +
          '`Idempotent-Replayed: true`.',
      )
      .setVersion('1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', express, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
