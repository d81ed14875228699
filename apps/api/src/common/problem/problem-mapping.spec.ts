import { BadRequestException, NotFoundException } from '@nestjs/common';
import { DomainError, type DomainErrorCode } from '@poems/domain';
import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';
import { problemFor } from './problem-mapping';

function pgError(code: string, message: string): Error {
  return Object.assign(new Error(message), {
    code,
    detail: 'Key (mrn)=(4711) already exists.',
  });
}

describe('problemFor', () => {
  it.each<[DomainErrorCode, number]>([
    ['validation_failed', 400],
    ['unauthenticated', 401],
    ['account_locked', 401],
    ['forbidden', 403],
    ['not_found', 404],
    ['stale_version', 409],
    ['duplicate_mrn', 409],
    ['duplicate_username', 409],
    ['open_workup_exists', 409],
    ['last_admin', 409],
    ['conflict', 409],
    ['illegal_transition', 422],
  ])('maps the domain code %s to %i', (code, status) => {
    expect(problemFor(new DomainError(code, 'Safe message.'))).toMatchObject({
      code,
      status,
      detail: 'Safe message.',
      unexpected: false,
    });
  });

  it('carries field errors and details of a domain error', () => {
    const error = new DomainError(
      'stale_version',
      'The item changed.',
      { current: { version: 3 } },
      [{ field: 'version', message: 'stale' }],
    );

    expect(problemFor(error)).toMatchObject({
      errors: [{ field: 'version', message: 'stale' }],
      extensions: { current: { version: 3 } },
    });
  });

  it('keeps the status of client errors raised by the framework, with its own wording', () => {
    expect(
      problemFor(new NotFoundException('Cannot GET /api/patients?q=doe')),
    ).toMatchObject({
      status: 404,
      code: 'not_found',
      detail: 'There is nothing at this address.',
    });
    expect(
      problemFor(
        Object.assign(new SyntaxError('Unexpected token'), { statusCode: 400 }),
      ),
    ).toMatchObject({ status: 400 });
    expect(problemFor(new BadRequestException())).toMatchObject({
      status: 400,
      code: 'malformed_request',
    });
  });

  it.each([
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
        code: 'ECONNREFUSED',
      }),
    ],
    [
      'a refused dual-stack connection',
      new AggregateError([
        Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
      ]),
    ],
    [
      'an administrator shutdown',
      new QueryFailedError(
        'SELECT 1',
        [],
        pgError('57P01', 'terminating connection due to administrator command'),
      ),
    ],
    [
      'a server starting up',
      pgError('57P03', 'the database system is starting up'),
    ],
    ['a broken connection', pgError('08006', 'connection failure')],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['an exhausted pool', new Error('timeout exceeded when trying to connect')],
    [
      'a client whose connection broke',
      new Error(
        'Client has encountered a connection error and is not queryable',
      ),
    ],
    [
      // TypeORM releases a transaction's runner when its connection dies between two queries.
      'a transaction whose connection died',
      new QueryRunnerAlreadyReleasedError(),
    ],
    [
      'a transaction whose connection died, queried through its manager',
      new QueryRunnerProviderAlreadyReleasedError(),
    ],
  ])('answers %s with 503', (_, error) => {
    expect(problemFor(error)).toMatchObject({
      status: 503,
      code: 'database_unavailable',
      unexpected: true,
    });
  });

  it('answers an unhandled unique violation with 409 without quoting the conflicting values', () => {
    const problem = problemFor(
      new QueryFailedError(
        'INSERT …',
        ['4711'],
        pgError('23505', 'duplicate key value violates unique constraint'),
      ),
    );

    expect(problem).toMatchObject({
      status: 409,
      code: 'conflict',
      unexpected: false,
    });
    expect(JSON.stringify(problem)).not.toContain('4711');
  });

  it('answers anything else with a generic 500', () => {
    expect(
      problemFor(
        new TypeError('Cannot read properties of undefined (reading "mrn")'),
      ),
    ).toMatchObject({
      status: 500,
      code: 'internal_error',
      unexpected: true,
    });
    expect(problemFor('a string')).toMatchObject({ status: 500 });
  });
});
