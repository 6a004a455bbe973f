import { HttpStatus } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * The one exception the domain raises. `type` is a stable, documented slug (RFC 9457 `type`)
 * that clients may branch on; `detail` is for people.
 */
export class AppException extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly type: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
    /** Extra problem members (RFC 9457 extensions), e.g. the failing checks of a health probe. */
    readonly extensions?: Record<string, unknown>,
  ) {
    super(detail);
  }

  static notFound(what: string): AppException {
    return new AppException(HttpStatus.NOT_FOUND, 'not-found', `${what} not found`);
  }

  static forbidden(detail = 'You are not allowed to do this'): AppException {
    return new AppException(HttpStatus.FORBIDDEN, 'forbidden', detail);
  }

  static unauthenticated(detail = 'Authentication is required'): AppException {
    return new AppException(HttpStatus.UNAUTHORIZED, 'unauthenticated', detail);
  }

  static conflict(type: string, detail: string): AppException {
    return new AppException(HttpStatus.CONFLICT, type, detail);
  }

  static validation(errors: FieldError[]): AppException {
    return new AppException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'validation-failed',
      'The request has invalid fields',
      errors,
    );
  }

  static rateLimited(retryAfterSeconds: number): AppException {
    return new AppException(
      HttpStatus.TOO_MANY_REQUESTS,
      'rate-limited',
      'Too many requests; try again later',
      undefined,
      {
        'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))),
      },
    );
  }
}
