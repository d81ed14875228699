import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainError, type FieldError } from '@poems/domain';

/**
 * Validates and transforms every DTO; unknown properties are rejected, not ignored. Failures
 * become a `validation_failed` domain error listing each field, so the one exception filter
 * answers them like any other invalid input.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Values may be patient data: they never go into messages.
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => DomainError.invalid(fieldErrorsOf(errors)),
  });
}

/** One entry per failed constraint, named by its path in the body (`values[0].unit`). */
export function fieldErrorsOf(
  errors: readonly ValidationError[],
  parent = '',
): FieldError[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message,
    }));
    return [...own, ...fieldErrorsOf(error.children ?? [], field)];
  });
}
