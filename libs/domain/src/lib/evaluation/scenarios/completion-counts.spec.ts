import { CLINIC_NOW } from '../../../testing/evaluation.helpers';
import { aClassicLambdaWorkup } from '../../../testing/results.fixtures';
import { WorkupBuilder } from '../../../testing/workup.builder';
import { completionOf } from '../evaluate';

/** Completion counts required items plus activated conditional ones (domain reference §2). */
describe('workup completion', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  it('starts at 0 of the 16 required items', () => {
    expect(WorkupBuilder.opened().completion()).toEqual({
      done: 0,
      closed: 0,
      total: 16,
      percent: 0,
    });
  });

  it('counts resulted and reviewed as done; cancelled and not indicated as closed and no longer expected', () => {
    const completion = WorkupBuilder.opened()
      .asserted('emg_ncs', { polyneuropathy: 'present' })
      .asserted('neuro_exam', { polyneuropathy: 'present' }, 'reviewed')
      .status('pft', 'cancelled')
      .status('echocardiogram', 'not_indicated')
      .status('cbc', 'performed')
      .status('vegf', 'scheduled')
      .completion();
    // 2 done of the 14 still expected.
    expect(completion).toEqual({ done: 2, closed: 4, total: 16, percent: 14 });
  });

  it('rounds the percentage of done items', () => {
    expect(aClassicLambdaWorkup().completion()).toEqual({
      done: 6,
      closed: 6,
      total: 16,
      percent: 38,
    });
  });

  it('adds the lymph node biopsy to the total once activated', () => {
    expect(
      aClassicLambdaWorkup().activate('lymph_node_biopsy').completion(),
    ).toEqual({ done: 6, closed: 6, total: 17, percent: 35 });
  });

  it('reaches 100 % when every item still expected is done', () => {
    const all = WorkupBuilder.opened()
      .build()
      .map((i) => ({ ...i, status: 'resulted' as const }));
    expect(completionOf(all)).toEqual({
      done: 16,
      closed: 16,
      total: 16,
      percent: 100,
    });
    expect(
      completionOf(
        all.map((i, n) =>
          n === 0 ? { ...i, status: 'cancelled' as const } : i,
        ),
      ),
    ).toEqual({ done: 15, closed: 16, total: 16, percent: 100 });
    expect(
      completionOf(
        all.map((i, n) => (n === 0 ? { ...i, status: 'ordered' as const } : i)),
      ),
    ).toEqual({ done: 15, closed: 15, total: 16, percent: 94 });
  });

  it('is 0 % of 0 for an empty workup', () => {
    expect(completionOf([])).toEqual({
      done: 0,
      closed: 0,
      total: 0,
      percent: 0,
    });
  });
});
