import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Request } from 'express';
import { methodNotAllowed } from './method-not-allowed';
import { documentProtocol } from './protocol-responses';
import { escapedForSwaggerUiInit, isSwaggerUiInit } from './swagger-ui-document';
import { describePathIds, forbidAdditionalProperties, markOptionalBodies } from './validation-pipe-rules';

/**
 * Builds the OpenAPI document from the controllers and DTOs (schemas derived by the Swagger plugin, see
 * nest-cli.json), what the validation pipes add, and the protocol every endpoint shares; serves it at
 * /docs-json and Swagger UI at /docs; and answers 405 for methods the document does not list. Call
 * before the app is initialised, so the 405 handler precedes the routes.
 */
export function setupOpenApi(app: NestExpressApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Event booking API')
      .setDescription(
        'Retry-safe seat locks, bookings, payments and refunds. Every write accepts an idempotency key ' +
          '(body `idempotencyKey` or header `Idempotency-Key`); a replay returns the stored answer with ' +
          '`Idempotent-Replayed: true`. Errors are `application/problem+json` (RFC 9457). Every response carries ' +
          '`X-Correlation-Id`. Operator endpoints take `Authorization: Bearer <ADMIN_TOKEN>` when the server sets one.',
      )
      .setVersion('1.0')
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        description:
          'The ADMIN_TOKEN the server was started with; operator routes are open only where none is set (development)',
      })
      .build(),
  );
  forbidAdditionalProperties(document);
  describePathIds(document);
  markOptionalBodies(document);
  documentProtocol(document);
  app.use(methodNotAllowed(document));
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    patchDocumentOnRequest: (req, _res, doc) =>
      isSwaggerUiInit((req as Request).url) ? escapedForSwaggerUiInit(doc) : doc,
  });
}
