import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiResponse } from '@nestjs/swagger';

export class ProblemResponse {
  @ApiProperty({ example: 'https://httpstatuses.io/409' })
  type!: string;
  @ApiProperty({ example: 'Conflict' })
  title!: string;
  @ApiProperty({ example: 409 })
  status!: number;
  @ApiProperty({ example: 'Only 2 seats are available' })
  detail!: string;
  @ApiProperty({ example: 'SEATS.UNAVAILABLE', description: 'Stable machine-readable code' })
  code!: string;
  @ApiProperty({ example: '7f1c0a52-4f43-4f3e-9a57-8f2b1f1f0c11' })
  correlationId!: string;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request (validation, unknown fields, `$`-keys)',
  401: 'Missing or invalid bearer token (`WWW-Authenticate: Bearer`)',
  403: 'The token lacks the role this needs, or userId names someone else',
  404: "Unknown resource, or someone else's",
  409: 'State or inventory conflict, or the same key still in flight',
  422: 'Idempotency key reused with a different payload',
  502: 'Payment provider failed before charging',
  503: 'Database unreachable',
  504: 'Payment provider timed out',
};

/** Documents the problem+json answers an endpoint can give. */
export function ApiProblemResponses(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status], type: ProblemResponse })),
  );
}
