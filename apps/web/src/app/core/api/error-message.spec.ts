import { aProblem } from '../../../testing/workup-fixtures';
import { ApiError, parseProblem } from './api-error';
import { describeError } from './error-message';

const apiError = (status: number, body: unknown): ApiError =>
  new ApiError(status, parseProblem(body));

describe('describeError', () => {
  it('offers a reload for a stale version, naming what changed', () => {
    const message = describeError(
      apiError(409, aProblem('stale_version', 409)),
      'item',
    );

    expect(message).toMatchObject({
      kind: 'stale',
      title: 'Someone else changed this item — reload the latest and retry',
      reloadable: true,
    });
  });

  it('shows other conflicts with the API’s own words', () => {
    const message = describeError(
      apiError(
        409,
        aProblem('open_workup_exists', 409, {
          title: 'Open workup exists',
          detail: 'This patient already has an open workup.',
        }),
      ),
    );

    expect(message).toMatchObject({
      kind: 'conflict',
      title: 'Open workup exists',
      detail: 'This patient already has an open workup.',
      reloadable: false,
    });
  });

  it('shows the lifecycle message of a 422', () => {
    const message = describeError(
      apiError(
        422,
        aProblem('illegal_transition', 422, {
          detail: 'Cannot review an item that is planned.',
        }),
      ),
    );

    expect(message).toMatchObject({
      kind: 'lifecycle',
      title: 'This step is not allowed now',
      detail: 'Cannot review an item that is planned.',
    });
  });

  it.each([
    ['no answer at all', new ApiError(0, null)],
    [
      'a 503 from the API',
      apiError(503, aProblem('database_unavailable', 503)),
    ],
  ])('says the server is unavailable on %s', (_what, error) => {
    expect(describeError(error)).toMatchObject({
      kind: 'unavailable',
      title: 'The server is unavailable',
    });
  });

  it('points at the fields of a 400 instead of repeating them', () => {
    const message = describeError(
      apiError(
        400,
        aProblem('validation_failed', 400, {
          errors: [{ field: 'mrn', message: 'mrn must be …' }],
        }),
      ),
    );

    expect(message).toMatchObject({
      kind: 'invalid',
      title: 'Some fields need attention',
      detail: null,
    });
  });

  it('never shows a stack or raw error for something that is not an API error', () => {
    expect(describeError(new TypeError('x is undefined'))).toEqual({
      kind: 'unexpected',
      title: 'Something went wrong',
      detail: 'Reload the page and try again.',
      reloadable: false,
    });
  });
});
