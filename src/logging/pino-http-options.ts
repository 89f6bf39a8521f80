import type { Request } from 'express';
import type { Options } from 'pino-http';
import { correlationIdOf } from '../common/correlation/correlation-id';
import type { AppConfig } from '../config/app-config';

/**
 * The request log: method, URL, status, time and correlation id. Never a header: bearer tokens and the
 * admin token travel in Authorization, so the request serializer keeps none, and redaction covers the
 * credential headers in case a serializer ever does.
 */
export function pinoHttpOptions(config: AppConfig): Options {
  return {
    level: config.LOG_LEVEL,
    genReqId: (req) => correlationIdOf(req as Request),
    customProps: (req) => ({ correlationId: correlationIdOf(req as Request) }),
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
    },
  };
}
