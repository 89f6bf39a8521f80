import { HttpStatus } from '@nestjs/common';
import type {
  HeaderObject,
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger';
import { CORRELATION_HEADER } from '../common/correlation/correlation-id';
import { IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY_PATTERN } from '../idempotency/idempotency-key';
import { REPLAYED_HEADER } from '../idempotency/idempotency.interceptor';

export const PROBLEM_JSON = 'application/problem+json';
const PROBLEM_SCHEMA_NAME = 'ProblemResponse';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Answers any `/api` operation can give besides its own: a malformed request, the database down. */
const EVERY_API_OPERATION = [400, 503];
/** Answers of every operation that takes an idempotency key: the key reused, or its twin still running. */
const EVERY_IDEMPOTENT_OPERATION = [409, 422];

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request (validation, unknown fields, `$`-keys, malformed JSON)',
  401: 'Missing or wrong admin token (only when ADMIN_TOKEN is set)',
  404: 'Unknown resource',
  409: 'State or inventory conflict, or the same key still in flight (with Retry-After)',
  422: 'Idempotency key reused with a different payload (IDEMPOTENCY.KEY_REUSED)',
  502: 'Payment provider failed before charging; nothing was charged, the same key may be retried',
  503: 'Database unreachable (with Retry-After)',
  504: 'Payment provider timed out; retry with the same key',
};

const CODES: Record<number, string> = {
  400: 'REQUEST.INVALID',
  401: 'AUTH.REQUIRED',
  404: 'BOOKING.NOT_FOUND',
  409: 'SEATS.UNAVAILABLE',
  422: 'IDEMPOTENCY.KEY_REUSED',
  502: 'PAYMENT.PROVIDER_ERROR',
  503: 'DATABASE.UNAVAILABLE',
  504: 'PAYMENT.PROVIDER_TIMEOUT',
};

const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code', 'correlationId'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', description: 'Stable machine-readable code' },
    correlationId: { type: 'string' },
  },
};

const HEADERS: Record<string, HeaderObject> = {
  [CORRELATION_HEADER]: {
    description:
      "The request's correlation id (adopted from the request header when it is a plain token), also in logs and audit entries",
    schema: { type: 'string' },
  },
  [REPLAYED_HEADER]: {
    description: 'Present on a replay: the stored answer of an earlier request with the same key',
    schema: { type: 'string', enum: ['true'] },
  },
  'Retry-After': {
    description: 'Seconds to wait before trying again',
    schema: { type: 'string', pattern: '^[0-9]+$' },
  },
};

/**
 * What every endpoint shares and no single controller declares: problem+json errors (RFC 9457) with
 * the statuses the global pipe, filter and idempotency layer produce, and the protocol headers
 * (X-Correlation-Id, Idempotency-Key, Idempotent-Replayed, Retry-After).
 */
export function documentProtocol(document: OpenAPIObject): void {
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, [PROBLEM_SCHEMA_NAME]: PROBLEM_SCHEMA },
  };
  const schemas = document.components.schemas ?? {};
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const idempotent = takesIdempotencyKey(operation, schemas);
      const statuses = [
        ...(path.startsWith('/api/') ? EVERY_API_OPERATION : []),
        ...(idempotent ? EVERY_IDEMPOTENT_OPERATION : []),
        ...(operation.security?.length ? [401] : []),
      ];
      for (const status of statuses) operation.responses[status] ??= { description: DESCRIPTIONS[status] };
      for (const [status, response] of Object.entries(operation.responses)) {
        describeResponse(Number(status), response as ResponseObject, idempotent, path.startsWith('/api/'));
      }
      operation.parameters = [
        ...(operation.parameters ?? []).filter((p) => !isHeader(p, IDEMPOTENCY_HEADER)),
        ...headerParameters(idempotent),
      ];
    }
  }
}

function describeResponse(status: number, response: ResponseObject, idempotent: boolean, api: boolean): void {
  response.headers = { ...response.headers, [CORRELATION_HEADER]: HEADERS[CORRELATION_HEADER] };
  if (idempotent) response.headers[REPLAYED_HEADER] = HEADERS[REPLAYED_HEADER];
  if (status === 409 || status === 503) response.headers['Retry-After'] = HEADERS['Retry-After'];
  if (status < 400 || !api) return;
  response.description = DESCRIPTIONS[status] ?? response.description;
  response.content = {
    [PROBLEM_JSON]: {
      schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA_NAME}` },
      example: {
        type: `https://httpstatuses.io/${status}`,
        title: titleOf(status),
        status,
        detail: response.description,
        code: CODES[status] ?? `HTTP.${status}`,
        correlationId: '7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11',
      },
    },
  };
}

/** The title the problem filter gives a status, e.g. 'Service unavailable'. */
function titleOf(status: number): string {
  const words = String(HttpStatus[status]).toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function headerParameters(idempotent: boolean): ParameterObject[] {
  const correlation: ParameterObject = {
    name: CORRELATION_HEADER,
    in: 'header',
    required: false,
    description: 'Adopted when it is a plain token (letters, digits, . _ : -, up to 128); otherwise a new id is made',
    schema: { type: 'string' },
  };
  if (!idempotent) return [correlation];
  const key: ParameterObject = {
    name: IDEMPOTENCY_HEADER,
    in: 'header',
    required: false,
    description: 'Alternative to the body field idempotencyKey; when both are sent they must be equal',
    schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source, example: 'c0a8f3e2-booking-42' },
  };
  return [correlation, key];
}

function takesIdempotencyKey(
  operation: OperationObject,
  schemas: Record<string, SchemaObject | ReferenceObject>,
): boolean {
  const body =
    operation.requestBody && 'content' in operation.requestBody
      ? operation.requestBody.content['application/json']?.schema
      : undefined;
  const ref = body && '$ref' in body ? body.$ref.split('/').pop() : undefined;
  const schema = ref ? schemas[ref] : undefined;
  return !!schema && 'properties' in schema && !!schema.properties && 'idempotencyKey' in schema.properties;
}

function isHeader(parameter: ParameterObject | ReferenceObject, name: string): boolean {
  return 'in' in parameter && parameter.in === 'header' && parameter.name.toLowerCase() === name.toLowerCase();
}
