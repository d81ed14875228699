/** SQLSTATE of a unique constraint violation. */
const UNIQUE_VIOLATION = '23505';

interface DriverErrorLike {
  readonly code?: string;
  readonly constraint?: string;
}

/** The pg error TypeORM wrapped, or the error itself. */
function driverError(error: unknown): DriverErrorLike {
  const wrapped = (error as { driverError?: DriverErrorLike }).driverError;
  return wrapped ?? (error as DriverErrorLike);
}

/** Whether an error is a unique violation, of the named constraint or index when one is given. */
export function isUniqueViolation(
  error: unknown,
  constraint?: string,
): boolean {
  const cause = driverError(error);
  return (
    cause?.code === UNIQUE_VIOLATION &&
    (constraint === undefined || cause.constraint === constraint)
  );
}
