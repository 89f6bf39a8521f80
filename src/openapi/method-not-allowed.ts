import { HttpException, HttpStatus } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { correlationIdOf } from '../common/correlation/correlation-id';
import { toProblem } from '../common/errors/problem-details.filter';
import { PROBLEM_JSON } from './protocol-responses';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

interface DocumentedPath {
  pattern: RegExp;
  allow: string[];
}

/**
 * A documented path asked with a method it does not have answers 405 with `Allow` (RFC 9110), not
 * 404: the resource exists. Built from the OpenAPI document, so the two list the same methods.
 */
export function methodNotAllowed(document: OpenAPIObject): (req: Request, res: Response, next: NextFunction) => void {
  const paths: DocumentedPath[] = Object.entries(document.paths).map(([path, item]) => {
    const allow = METHODS.filter((method) => item[method]).map((method) => method.toUpperCase());
    // Express answers HEAD wherever it answers GET.
    if (allow.includes('GET') && !allow.includes('HEAD')) allow.push('HEAD');
    return { pattern: pathPattern(path), allow };
  });
  return (req, res, next) => {
    const documented = paths.find(({ pattern }) => pattern.test(req.path));
    if (!documented || documented.allow.includes(req.method)) return next();
    const { problem } = toProblem(
      new HttpException(
        `${req.method} is not allowed on ${req.path}; allowed: ${documented.allow.join(', ')}`,
        HttpStatus.METHOD_NOT_ALLOWED,
      ),
      correlationIdOf(req, res),
    );
    res.setHeader('Allow', documented.allow.join(', '));
    res.status(problem.status).type(PROBLEM_JSON).send(JSON.stringify(problem));
  };
}

/** `/api/bookings/{id}/cancel` → a regex matching one path segment per parameter. */
function pathPattern(path: string): RegExp {
  const escaped = path
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
    .join('[^/]+');
  return new RegExp(`^${escaped}/?$`);
}
