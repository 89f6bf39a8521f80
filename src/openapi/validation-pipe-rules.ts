import type { OpenAPIObject } from '@nestjs/swagger';
import { OBJECT_ID_PATTERN } from '../common/validation/is-object-id';

/*
 * The Swagger plugin derives each DTO's schema from its types and class-validator rules. What the global
 * pipes do besides (RequestValidationPipe, ObjectIdPipe) is stated by no decorator, so it is written here.
 */

/** Request DTOs (`…Dto`) refuse unknown fields (the pipe's forbidNonWhitelisted); their schemas say so. */
export function forbidAdditionalProperties(document: OpenAPIObject): void {
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    if (name.endsWith('Dto') && !('$ref' in schema)) schema.additionalProperties = false;
  }
}

/** Path ids go through ObjectIdPipe, which no schema generator reads: canonical ObjectIds only. */
export function describePathIds(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.get, item.put, item.post, item.delete, item.patch]) {
      for (const parameter of operation?.parameters ?? []) {
        if ('in' in parameter && parameter.in === 'path' && parameter.name === 'id') {
          parameter.schema = { type: 'string', pattern: OBJECT_ID_PATTERN, example: '665f1c2b9a7e4b0012345678' };
        }
      }
    }
  }
}

/** A body with no required field may be left out: the validation pipe reads a missing body as `{}`. */
export function markOptionalBodies(document: OpenAPIObject): void {
  const schemas = document.components?.schemas ?? {};
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.put, item.post, item.delete, item.patch]) {
      const body = operation?.requestBody;
      if (!body || !('content' in body)) continue;
      const schema = body.content['application/json']?.schema;
      const target = schema && '$ref' in schema ? schemas[schema.$ref.split('/').pop() ?? ''] : schema;
      if (target && !('$ref' in target) && !target.required?.length) body.required = false;
    }
  }
}
