import { ValidationError, ValidationPipe } from '@nestjs/common';
import { AppException, FieldError } from '../errors/app-exception';

/** Whitelisting validation for every DTO; failures answer 422 with one entry per field (its messages joined). */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => AppException.validation(flatten(errors)),
  });
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const messages = Object.values(error.constraints ?? {});
    const own = messages.length > 0 ? [{ field, message: messages.join('; ') }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
