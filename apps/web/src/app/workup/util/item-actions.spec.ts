import type { ItemStatus, Role } from '@poems/domain';
import { itemActionsFor } from './item-actions';

const required = (status: ItemStatus) => ({
  status,
  active: true,
  required: true,
});

describe('itemActionsFor', () => {
  it.each<[Role, ItemStatus, string[]]>([
    [
      'hematologist',
      'planned',
      ['order', 'schedule', 'perform', 'result', 'cancel', 'not-indicated'],
    ],
    ['coordinator', 'planned', ['order', 'schedule', 'perform', 'cancel']],
    ['coordinator', 'scheduled', ['schedule', 'perform', 'cancel']],
    ['coordinator', 'performed', ['cancel']],
    ['hematologist', 'performed', ['result', 'cancel']],
    ['hematologist', 'resulted', ['result', 'review']],
    ['coordinator', 'resulted', []],
    ['hematologist', 'reviewed', ['result']],
    ['hematologist', 'cancelled', ['reopen']],
    ['coordinator', 'cancelled', []],
    ['hematologist', 'not_indicated', ['reopen']],
    ['auditor', 'planned', []],
    ['auditor', 'resulted', []],
    ['admin', 'planned', []],
  ])('%s on a required %s item: %j', (role, status, expected) => {
    expect(itemActionsFor(role, required(status), true)).toEqual(expected);
  });

  it('offers only Activate on an inactive conditional item, and only to a hematologist', () => {
    const inactive = {
      status: 'planned' as const,
      active: false,
      required: false,
    };

    expect(itemActionsFor('hematologist', inactive, true)).toEqual([
      'activate',
    ]);
    expect(itemActionsFor('coordinator', inactive, true)).toEqual([]);
  });

  it('treats an activated conditional item like a required one', () => {
    expect(
      itemActionsFor(
        'coordinator',
        { status: 'planned', active: true, required: false },
        true,
      ),
    ).toEqual(['order', 'schedule', 'perform', 'cancel']);
  });

  it('offers nothing on a closed workup or to a signed-out user', () => {
    expect(itemActionsFor('hematologist', required('planned'), false)).toEqual(
      [],
    );
    expect(itemActionsFor(null, required('planned'), true)).toEqual([]);
  });
});
