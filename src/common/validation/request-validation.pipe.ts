import { ArgumentMetadata, BadRequestException, Injectable, ValidationPipe } from '@nestjs/common';

/**
 * The one pipe every request passes: unknown fields are refused rather than silently dropped, types
 * are never coerced ("5" is not a number), and any key that starts with `$` is refused wherever it
 * hides, so no client value can become a MongoDB operator.
 */
@Injectable()
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      validationError: { target: false, value: false },
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // The idempotency interceptor validated this body already (it fingerprints the validated DTO) and put
    // the instance on the request: validating it again would only repeat the work.
    if (metadata.type === 'body' && metadata.metatype && value instanceof metadata.metatype) return value;
    // Express leaves the body undefined when none was sent; endpoints whose fields are all optional accept that.
    if (metadata.type === 'body' && value === undefined) value = {};
    if (metadata.type === 'body' || metadata.type === 'query') {
      const operatorPath = findOperatorKey(value, '');
      if (operatorPath !== undefined) {
        throw new BadRequestException(`Field names may not start with '$' (found at ${operatorPath})`);
      }
      if (metadata.type === 'body' && (value === null || typeof value !== 'object' || Array.isArray(value))) {
        throw new BadRequestException('The request body must be a JSON object');
      }
    }
    return super.transform(value, metadata);
  }
}

function findOperatorKey(value: unknown, path: string): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (key.startsWith('$')) return childPath;
    const found = findOperatorKey(child, childPath);
    if (found !== undefined) return found;
  }
  return undefined;
}
