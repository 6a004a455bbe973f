import { HttpException, HttpStatus } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { AppException, FieldError } from './app-exception';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  instance?: string;
}

export interface ProblemWithHeaders {
  problem: Problem;
  headers: Record<string, string>;
  /** Unexpected failure: log it with the request id; never show it. */
  unexpected?: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const TYPE_BY_STATUS: Record<number, string> = {
  400: 'malformed-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  408: 'request-timeout',
  409: 'conflict',
  410: 'gone',
  413: 'payload-too-large',
  414: 'uri-too-long',
  415: 'unsupported-media-type',
  422: 'validation-failed',
  429: 'rate-limited',
  431: 'headers-too-large',
  503: 'service-unavailable',
};

/** Maps anything thrown (domain, Nest, Fastify) to an RFC 9457 problem. */
export function toProblem(error: unknown): ProblemWithHeaders {
  if (error instanceof AppException) {
    const problem = { ...error.extensions, ...make(error.status, error.type, error.detail, error.errors) };
    return { problem, headers: error.headers ?? {} };
  }
  if (error instanceof ThrottlerException) {
    return { problem: make(429, 'rate-limited', 'Too many requests; try again later'), headers: {} };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const detail = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? error.message);
    return fromStatus(status, Array.isArray(detail) ? detail.join('; ') : String(detail), error);
  }
  const fastify = error as { statusCode?: unknown; code?: unknown; message?: string };
  if (typeof fastify?.statusCode === 'number' && typeof fastify.code === 'string' && fastify.code.startsWith('FST_')) {
    return fromStatus(fastify.statusCode, fastify.message ?? '', error);
  }
  return { problem: make(500, 'internal-error', 'An unexpected error occurred'), headers: {}, unexpected: error };
}

export function methodNotAllowed(method: string, allow: string[]): ProblemWithHeaders {
  return {
    problem: make(405, 'method-not-allowed', `${method} is not allowed here; use ${allow.join(', ')}`),
    headers: { allow: allow.join(', ') },
  };
}

function fromStatus(status: number, detail: string, error: unknown): ProblemWithHeaders {
  if (status >= 500 || !TYPE_BY_STATUS[status]) {
    return { problem: make(500, 'internal-error', 'An unexpected error occurred'), headers: {}, unexpected: error };
  }
  return { problem: make(status, TYPE_BY_STATUS[status], detail || TITLES[status]), headers: {} };
}

function make(status: number, type: string, detail: string, errors?: FieldError[]): Problem {
  const title = TITLES[status] ?? HttpStatus[status] ?? 'Error';
  return errors ? { type, title, status, detail, errors } : { type, title, status, detail };
}
