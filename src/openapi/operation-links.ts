import type { OpenAPIObject } from '@nestjs/swagger';

type Method = 'get' | 'post' | 'delete';
type OperationObject = NonNullable<OpenAPIObject['paths'][string][Method]>;
interface Target {
  method: Method;
  path: string;
}

/**
 * An id a creating operation returns, and where the operations that consume it take it. A runtime
 * expression may sit in a path or query parameter, or in a request-body field (merged into the body).
 */
interface OperationLink {
  name: string;
  target: Target;
  parameters?: Record<string, string>;
  requestBody?: Record<string, string>;
  description: string;
}

const ID = '$response.body#/id';

/**
 * The walk through the API: event → lock → booking → payment, cancellation, charges and audit trail.
 * Declaring it lets a client (or a fuzzer's stateful phase) follow real ids instead of guessing them.
 */
const LINKS: Record<string, OperationLink[]> = {
  'post /api/events': [
    {
      name: 'GetEvent',
      target: { method: 'get', path: '/api/events/{id}' },
      parameters: { id: ID },
      description: 'The event, with its available seats',
    },
    {
      name: 'HoldSeats',
      target: { method: 'post', path: '/api/locks' },
      requestBody: { eventId: ID },
      description: 'Hold seats of this event',
    },
  ],
  'post /api/locks': [
    {
      name: 'GetLock',
      target: { method: 'get', path: '/api/locks/{id}' },
      parameters: { id: ID },
      description: 'The lock',
    },
    {
      name: 'ReleaseLock',
      target: { method: 'delete', path: '/api/locks/{id}' },
      parameters: { id: ID },
      description: 'Give the seats back',
    },
    {
      name: 'ConfirmBooking',
      target: { method: 'post', path: '/api/bookings' },
      requestBody: { seatLockId: ID },
      description: 'Turn the lock into a booking',
    },
    {
      name: 'LockAudit',
      target: { method: 'get', path: '/api/audit' },
      parameters: { lockId: ID },
      description: 'The lock’s audit trail',
    },
  ],
  'post /api/bookings': [
    {
      name: 'GetBooking',
      target: { method: 'get', path: '/api/bookings/{id}' },
      parameters: { id: ID },
      description: 'The booking',
    },
    {
      name: 'PayBooking',
      target: { method: 'post', path: '/api/payments/intent' },
      requestBody: { bookingId: ID, amount: '$response.body#/amount' },
      description: 'Pay the booking’s amount',
    },
    {
      name: 'CancelBooking',
      target: { method: 'post', path: '/api/bookings/{id}/cancel' },
      parameters: { id: ID },
      description: 'Cancel it (refunding by policy)',
    },
    {
      name: 'BookingCharges',
      target: { method: 'get', path: '/api/payments/charges' },
      parameters: { bookingId: ID },
      description: 'The provider’s ledger for it',
    },
    {
      name: 'BookingAudit',
      target: { method: 'get', path: '/api/audit' },
      parameters: { bookingId: ID },
      description: 'The booking’s audit trail',
    },
  ],
};

/** Adds the links to every 2xx answer of each creating operation; a missing operation is a build error. */
export function linkOperations(document: OpenAPIObject): void {
  for (const [source, links] of Object.entries(LINKS)) {
    const [method, path] = source.split(' ') as [Method, string];
    const operation = operationAt(document, { method, path });
    for (const [status, response] of Object.entries(operation.responses)) {
      if (!status.startsWith('2') || !response || '$ref' in response) continue;
      response.links = Object.fromEntries(
        links.map(({ name, target, parameters, requestBody, description }) => [
          name,
          {
            operationId: operationAt(document, target).operationId,
            ...(parameters && { parameters }),
            ...(requestBody && { requestBody }),
            description,
          },
        ]),
      );
    }
  }
}

function operationAt(document: OpenAPIObject, { method, path }: Target): OperationObject {
  const operation = document.paths[path]?.[method];
  if (!operation?.operationId) throw new Error(`OpenAPI links: no operation ${method.toUpperCase()} ${path}`);
  return operation;
}
