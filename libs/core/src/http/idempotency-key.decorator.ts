import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { AppException } from '../errors/app-exception';

const TOKEN = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The request's `Idempotency-Key` header, when sent: 8 to 128 letters, digits and `._:-` (a UUID
 * fits). A malformed key is refused rather than ignored, so a client never believes it is protected.
 */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !TOKEN.test(value))
    throw AppException.validation([
      { field: 'Idempotency-Key', message: 'must be 8 to 128 letters, digits or ._:- (a UUID fits)' },
    ]);
  return value;
});

/** Documents the header on a creating route. */
export const ApiIdempotencyKey = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Retry safely: the same key with the same request within 24 h answers the first response again and creates nothing more; the same key with another request is 422 `idempotency-key-reused`.',
    schema: { type: 'string', pattern: TOKEN.source },
  });
