import { ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from '@poems/domain';

/** Validates a path id as a UUID; anything else is a 400 naming the parameter. */
export function uuidParam(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () =>
      DomainError.invalid([{ field: name, message: `${name} must be a UUID` }]),
  });
}

/** {@link uuidParam} for the usual `:id`. */
export const uuidPipe = uuidParam('id');
