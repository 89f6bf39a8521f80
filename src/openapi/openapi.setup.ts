import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Request } from 'express';
import { methodNotAllowed } from './method-not-allowed';
import { linkOperations } from './operation-links';
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
          '`X-Correlation-Id`. With identity on (AUTH_ISSUER), every /api route takes `Authorization: Bearer <JWT>` ' +
          'from that OpenID Connect issuer; operator endpoints also take the ADMIN_TOKEN.',
      )
      .setVersion('1.0')
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          "An access token from the server's AUTH_ISSUER (`npm run dev-issuer` prints some), or on operator routes " +
          'the ADMIN_TOKEN; without AUTH_ISSUER (development) only operator routes check it, when ADMIN_TOKEN is set',
      })
      .build(),
  );
  forbidAdditionalProperties(document);
  describePathIds(document);
  markOptionalBodies(document);
  documentProtocol(document);
  linkOperations(document);
  app.use(methodNotAllowed(document));
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    patchDocumentOnRequest: (req, _res, doc) =>
      isSwaggerUiInit((req as Request).url) ? escapedForSwaggerUiInit(doc) : doc,
  });
}
