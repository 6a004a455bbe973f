import { ArgumentMetadata, Type, ValidationError, ValidationPipe } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { AppException, FieldError } from '../errors/app-exception';
import { cacheValidationMetadata } from './validation-metadata-cache';

/** Whitelisting validation for every DTO; failures answer 422 with one entry per field (its messages joined). */
export function createValidationPipe(): ValidationPipe {
  cacheValidationMetadata();
  return new QueryRememberingValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => AppException.validation(flatten(errors)),
  });
}

/** Longer query strings (a search, a deep cursor) are rarely sent twice: validated each time, not kept. */
const REMEMBERED_QUERY_LENGTH = 512;
const REMEMBERED_QUERIES_PER_DTO = 200;

/**
 * Query strings repeat: every reader opening a feed sends `?limit=20`. A query DTO of plain values is a
 * function of the query alone, so the DTO validated for one query string is kept and copied for the next
 * request bringing the same one (class-transformer and class-validator cost ~50 µs of a feed request).
 * Only successes are kept; bodies and route params always go through the full validation.
 */
class QueryRememberingValidationPipe extends ValidationPipe {
  private readonly remembered = new WeakMap<Type<unknown>, LRUCache<string, object>>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { metatype } = metadata;
    const key = metadata.type === 'query' && metatype && this.toValidate(metadata) ? JSON.stringify(value) : undefined;
    if (!metatype || key === undefined || key.length > REMEMBERED_QUERY_LENGTH) return super.transform(value, metadata);
    let known = this.remembered.get(metatype);
    if (!known) this.remembered.set(metatype, (known = new LRUCache({ max: REMEMBERED_QUERIES_PER_DTO })));
    const dto = known.get(key);
    if (dto) return copyOf(dto);
    const validated: unknown = await super.transform(value, metadata);
    if (isFlat(validated)) known.set(key, copyOf(validated));
    return validated;
  }
}

/** A DTO of plain values, so a shallow copy shares nothing a handler could change. */
function isFlat(dto: unknown): dto is object {
  return (
    typeof dto === 'object' &&
    dto !== null &&
    Object.values(dto).every((value) => value === null || (typeof value !== 'object' && typeof value !== 'function'))
  );
}

function copyOf(dto: object): object {
  return Object.assign(Object.create(Object.getPrototypeOf(dto) as object | null) as object, dto);
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const messages = Object.values(error.constraints ?? {});
    const own = messages.length > 0 ? [{ field, message: messages.join('; ') }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
