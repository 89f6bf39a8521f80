import { ApiProperty, type OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { OBJECT_ID } from '../common/validation/is-object-id';

/**
 * The date-times `@IsISO8601({ strict: true })` accepts, which are fewer than RFC 3339's: upper-case
 * `T` and `Z`, no leap second, and no year below 0100 (its strict check goes through `Date`).
 */
const STRICT_ISO_DATE_TIME =
  '^(0[1-9][0-9]{2}|[1-9][0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$';

type Constraint = (metadata: ValidationMetadata) => Record<string, unknown>;

/** What each class-validator rule used by the DTOs means in JSON Schema terms. */
const CONSTRAINTS: Record<string, Constraint> = {
  isInt: () => ({ type: 'integer' }),
  isBoolean: () => ({ type: 'boolean' }),
  isString: () => ({ type: 'string' }),
  isNotEmpty: () => ({ minLength: 1 }),
  isIso8601: () => ({ type: 'string', format: 'date-time', pattern: STRICT_ISO_DATE_TIME }),
  min: ({ constraints }) => ({ minimum: constraints[0] as number }),
  max: ({ constraints }) => ({ maximum: constraints[0] as number }),
  minLength: ({ constraints }) => ({ minLength: constraints[0] as number }),
  maxLength: ({ constraints }) => ({ maxLength: constraints[0] as number }),
  isIn: ({ constraints }) => ({ enum: constraints[0] as unknown[] }),
  matches: ({ constraints }) => ({ pattern: patternOf(constraints[0] as RegExp) }),
  isOptional: () => ({ required: false }),
};

/** Rules with no JSON Schema counterpart, or carried by another (e.g. an enum already fixes the type). */
const STATED_ELSEWHERE = new Set(['isEnum', 'whitelistValidation', 'nestedValidation']);

/**
 * The validation pipe and the OpenAPI document read the same class-validator rules, so the document
 * states every constraint the server enforces and the two cannot drift: each DTO property gets the
 * rules' JSON Schema equivalents (types, bounds, patterns, enums, required) before the document is
 * built. An unmapped rule stops the boot rather than leave the document silently wrong.
 */
export function declareValidationConstraints(): void {
  for (const [target, metadatas] of validationTargets()) {
    const byProperty = new Map<string, ValidationMetadata[]>();
    for (const metadata of metadatas)
      byProperty.set(metadata.propertyName, [...(byProperty.get(metadata.propertyName) ?? []), metadata]);
    for (const [property, rules] of byProperty) {
      const schema: Record<string, unknown> = { required: true };
      for (const rule of rules) {
        const name = rule.name ?? rule.type;
        if (STATED_ELSEWHERE.has(name)) continue;
        const constraint = CONSTRAINTS[name];
        if (!constraint)
          throw new Error(`OpenAPI: no JSON Schema equivalent for @${name} on ${target.name}.${property}`);
        Object.assign(schema, constraint(rule));
      }
      ApiProperty(schema)(target.prototype as object, property);
    }
  }
}

/** Path ids go through ObjectIdPipe: canonical ObjectIds only. */
export function describePathIds(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.get, item.put, item.post, item.delete, item.patch]) {
      for (const parameter of operation?.parameters ?? []) {
        if ('in' in parameter && parameter.in === 'path' && parameter.name === 'id') {
          parameter.schema = { type: 'string', pattern: patternOf(OBJECT_ID), example: '665f1c2b9a7e4b0012345678' };
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

/** Request DTOs (`…Dto`) refuse unknown fields (the pipe's forbidNonWhitelisted); their schemas say so. */
export function forbidAdditionalProperties(document: OpenAPIObject): void {
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    if (name.endsWith('Dto') && !('$ref' in schema)) schema.additionalProperties = false;
  }
}

/** The request DTOs (classes named `…Dto`, by convention) and their own rules; inherited rules stay on the base class. */
function validationTargets(): [{ name: string; prototype: unknown }, ValidationMetadata[]][] {
  // class-validator keeps its registry private; reading it is what lets the document follow every DTO.
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<{ name: string; prototype: unknown }, ValidationMetadata[]>;
  };
  return [...storage.validationMetadatas].filter(([target]) => target.name.endsWith('Dto'));
}

function patternOf(regex: RegExp): string {
  // A JSON Schema pattern has no flags: a case-insensitive rule would be documented stricter than it is.
  if (regex.flags.replace(/[gu]/g, '') !== '')
    throw new Error(`OpenAPI: pattern ${regex} has flags a schema cannot state`);
  return regex.source;
}
