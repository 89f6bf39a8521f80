import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { correlationIdOf } from '../correlation/correlation-id';
import { DomainError, type ErrorKind } from './domain-error';
import { ErrorTranslator } from './error-translator';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  correlationId: string;
}

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  INVALID: HttpStatus.BAD_REQUEST,
  UNAUTHORIZED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  CONFLICT: HttpStatus.CONFLICT,
  UNPROCESSABLE: HttpStatus.UNPROCESSABLE_ENTITY,
  UPSTREAM_FAILED: HttpStatus.BAD_GATEWAY,
  UPSTREAM_TIMEOUT: HttpStatus.GATEWAY_TIMEOUT,
  UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
};

const CODE_BY_STATUS: Record<number, string> = {
  400: 'REQUEST.INVALID',
  401: 'AUTH.REQUIRED',
  404: 'ROUTE.NOT_FOUND',
  405: 'ROUTE.METHOD_NOT_ALLOWED',
  413: 'REQUEST.TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
};

export function httpStatusOf(kind: ErrorKind): number {
  return STATUS_BY_KIND[kind];
}

/** Turns any thrown value into an RFC 9457 problem; internals never reach the body. */
export function toProblem(error: unknown, correlationId: string): { problem: ProblemDetails; retryAfter?: number } {
  if (error instanceof DomainError) {
    const status = STATUS_BY_KIND[error.kind];
    return { problem: problem(status, error.code, error.message, correlationId), retryAfter: error.retryAfterSeconds };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return { problem: problem(status, CODE_BY_STATUS[status] ?? `HTTP.${status}`, httpDetail(error), correlationId) };
  }
  const parserStatus = clientErrorStatusOf(error);
  if (parserStatus !== undefined) {
    return {
      problem: problem(
        parserStatus,
        CODE_BY_STATUS[parserStatus] ?? `HTTP.${parserStatus}`,
        (error as Error).message,
        correlationId,
      ),
    };
  }
  return { problem: problem(500, 'INTERNAL', 'An unexpected error occurred', correlationId) };
}

/**
 * The body parser refuses a body (too large, malformed, unsupported charset) before any route runs, with
 * an http-errors error that carries the client-error status and a message safe to show (`expose`).
 */
function clientErrorStatusOf(error: unknown): number | undefined {
  const { status, expose } = (error ?? {}) as { status?: unknown; expose?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 && expose === true ? status : undefined;
}

function problem(status: number, code: string, detail: string, correlationId: string): ProblemDetails {
  const title = (HttpStatus[status] ?? 'ERROR').toString().toLowerCase().replace(/_/g, ' ');
  return {
    type: `https://httpstatuses.io/${status}`,
    title: title.charAt(0).toUpperCase() + title.slice(1),
    status,
    detail,
    code,
    correlationId,
  };
}

function httpDetail(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : error.message;
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  constructor(private readonly adapterErrors: ErrorTranslator) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const { problem, retryAfter } = toProblem(this.adapterErrors.translate(error) ?? error, correlationIdOf(request));
    if (problem.status >= 500) {
      this.logger.error(
        { err: error, correlationId: problem.correlationId },
        `${request.method} ${request.url} failed`,
      );
    }
    if (response.headersSent) return;
    if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }
}
