import { prettyLogs, safeError } from './logger';

describe('safeError', () => {
  const driverError = Object.assign(new Error('duplicate key value'), {
    code: '23505',
    detail: 'Key (mrn)=(4711) already exists.',
    query: 'INSERT INTO patients …',
    parameters: ['4711', 'Ada'],
  });

  it('keeps the type, message, code and stack of an error, never its detail, query or parameters', () => {
    expect(safeError(driverError)).toEqual({
      type: 'Error',
      message: 'duplicate key value',
      code: '23505',
      stack: driverError.stack,
    });
  });

  // What pino-http passes on: pino's standard serialisation of the same error.
  it('reduces an error already serialised by pino the same way', () => {
    const serialised = {
      type: 'QueryFailedError',
      message: 'duplicate key value',
      stack: 'QueryFailedError: duplicate key value\n    at …',
      code: '23505',
      detail: 'Key (mrn)=(4711) already exists.',
      parameters: ['4711', 'Ada'],
    };

    expect(safeError(serialised)).toEqual({
      type: 'QueryFailedError',
      message: 'duplicate key value',
      code: '23505',
      stack: serialised.stack,
    });
  });

  it('names only the kind of anything else that was thrown', () => {
    expect(safeError('a string')).toEqual({ type: 'string' });
    expect(safeError({ mrn: '4711' })).toEqual({ type: 'object' });
    expect(safeError(null)).toEqual({ type: 'object' });
  });
});

describe('prettyLogs', () => {
  it.each([
    ['auto', true, true],
    ['auto', false, false],
    ['json', true, false],
    ['json', false, false],
    ['pretty', true, true],
    ['pretty', false, true],
  ] as const)(
    'LOG_FORMAT=%s with a terminal %s: readable lines %s',
    (format, terminal, expected) => {
      expect(prettyLogs(format, terminal)).toBe(expected);
    },
  );
});
