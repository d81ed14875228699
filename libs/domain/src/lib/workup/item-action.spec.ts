import { DomainError } from '../errors';
import { POEMS_DISPENZIERI_V1 } from '../protocol/poems-dispenzieri.v1';
import type { ResultSource } from '../lab/inbound.types';
import {
  auditedItemFields,
  decideItemAction,
  diffOf,
  evaluationAuditDetails,
  FUTURE_TOLERANCE_MS,
  type ActionableItem,
  type ItemActionCommand,
  type ItemActionContext,
  type ItemActionDecision,
  type ItemActionState,
} from './item-action';

const NOW = new Date('2026-03-10T09:00:00.000Z');
const ACTOR = { id: 'u-1', displayName: 'Dr. Ada Hematologist' };
const INTERFACE: ResultSource = {
  kind: 'interface',
  interfaceId: 'if-1',
  interfaceName: 'Main lab',
  messageId: 'm-1',
  controlId: 'c-1',
};

/** An item as a freshly opened workup holds it: planned, active unless conditional. */
function anItem(
  key: string,
  overrides: Partial<ActionableItem> = {},
): ActionableItem {
  const catalog = POEMS_DISPENZIERI_V1.items.find((i) => i.key === key);
  const required = catalog?.required ?? true;
  return {
    key,
    required,
    active: required,
    status: 'planned',
    dueDate: null,
    scheduledAt: null,
    location: null,
    performedAt: null,
    resultedAt: null,
    reviewedAt: null,
    reviewedBy: null,
    result: null,
    findings: [],
    resultSource: null,
    reason: null,
    closedByName: null,
    version: 1,
    ...overrides,
  };
}

function aWorkup(...items: ActionableItem[]): ItemActionState {
  const given = new Map(items.map((i) => [i.key, i]));
  return {
    protocol: POEMS_DISPENZIERI_V1,
    workupStatus: 'open',
    items: POEMS_DISPENZIERI_V1.items.map(
      (c) => given.get(c.key) ?? anItem(c.key),
    ),
  };
}

const context: ItemActionContext = {
  now: NOW,
  actor: ACTOR,
  source: { kind: 'typed' },
  patientSex: 'male',
};

function decide(
  state: ItemActionState,
  command: ItemActionCommand,
  overrides: Partial<ItemActionContext> = {},
): ItemActionDecision {
  return decideItemAction(state, command, { ...context, ...overrides });
}

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('decideItemAction', () => {
  describe('order', () => {
    it('orders a planned item with a due date, stamped now by the actor', () => {
      const decision = decide(aWorkup(), {
        key: 'vegf',
        action: 'order',
        body: { version: 1, dueDate: '2026-03-20' },
      });

      expect(decision.changes).toHaveLength(1);
      const [change] = decision.changes;
      expect(change?.patch).toEqual({
        dueDate: '2026-03-20',
        status: 'ordered',
        active: true,
        updatedAt: NOW,
        updatedBy: 'u-1',
      });
      expect(change?.history).toEqual({
        from: 'planned',
        to: 'ordered',
        effectiveAt: NOW,
        reason: null,
        details: null,
      });
      expect(change?.audit).toEqual({
        action: 'item.order',
        diff: {
          status: { from: 'planned', to: 'ordered' },
          dueDate: { from: null, to: '2026-03-20' },
        },
        details: { itemKey: 'vegf' },
      });
      expect(decision.evaluation).toEqual({
        cause: 'item order',
        itemKey: 'vegf',
      });
      expect(decision.correction).toBe(false);
    });

    it('keeps the due date the item has when the body names none', () => {
      const state = aWorkup(anItem('vegf', { dueDate: '2026-04-01' }));
      const [change] = decide(state, {
        key: 'vegf',
        action: 'order',
        body: { version: 1 },
      }).changes;

      expect(change?.patch.dueDate).toBe('2026-04-01');
      expect(change?.audit.diff).toEqual({
        status: { from: 'planned', to: 'ordered' },
      });
    });
  });

  describe('schedule', () => {
    it('schedules with a location and keeps no history details the first time', () => {
      const [change] = decide(aWorkup(anItem('vegf', { status: 'ordered' })), {
        key: 'vegf',
        action: 'schedule',
        body: {
          version: 1,
          scheduledAt: '2026-03-12T10:00:00+01:00',
          location: 'Lab 2',
        },
      }).changes;

      expect(change?.patch).toMatchObject({
        scheduledAt: new Date('2026-03-12T09:00:00Z'),
        location: 'Lab 2',
        dueDate: null,
        status: 'scheduled',
      });
      expect(change?.history.details).toBeNull();
    });

    it('names the earlier time when rescheduling, and keeps the location and due date', () => {
      const earlier = new Date('2026-03-11T08:00:00Z');
      const state = aWorkup(
        anItem('vegf', {
          status: 'scheduled',
          scheduledAt: earlier,
          location: 'Lab 1',
          dueDate: '2026-03-30',
        }),
      );
      const [change] = decide(state, {
        key: 'vegf',
        action: 'schedule',
        body: { version: 1, scheduledAt: '2026-03-13T08:00:00Z' },
      }).changes;

      expect(change?.patch).toMatchObject({
        location: 'Lab 1',
        dueDate: '2026-03-30',
        status: 'scheduled',
      });
      expect(change?.history.details).toEqual({
        rescheduledFrom: earlier.toISOString(),
      });
      expect(change?.audit.diff).toEqual({
        scheduledAt: {
          from: earlier.toISOString(),
          to: '2026-03-13T08:00:00.000Z',
        },
      });
    });
  });

  describe('perform', () => {
    it('records when the test was performed, which is when the step happened', () => {
      const performedAt = '2026-03-09T15:00:00Z';
      const [change] = decide(
        aWorkup(anItem('vegf', { status: 'scheduled' })),
        {
          key: 'vegf',
          action: 'perform',
          body: { version: 1, performedAt },
        },
      ).changes;

      expect(change?.patch).toMatchObject({
        performedAt: new Date(performedAt),
        status: 'performed',
      });
      expect(change?.history.effectiveAt).toEqual(new Date(performedAt));
    });

    it('tolerates a client clock ahead of the server by up to the tolerance', () => {
      const performedAt = new Date(
        NOW.getTime() + FUTURE_TOLERANCE_MS,
      ).toISOString();

      expect(
        decide(aWorkup(), {
          key: 'vegf',
          action: 'perform',
          body: { version: 1, performedAt },
        }).changes[0]?.patch.performedAt,
      ).toEqual(new Date(performedAt));
    });

    it('refuses a time beyond the tolerance, naming the field', () => {
      const performedAt = new Date(
        NOW.getTime() + FUTURE_TOLERANCE_MS + 1,
      ).toISOString();
      const error = refusal(() =>
        decide(aWorkup(), {
          key: 'vegf',
          action: 'perform',
          body: { version: 1, performedAt },
        }),
      );

      expect(error.code).toBe('validation_failed');
      expect(error.fieldErrors).toEqual([
        {
          field: 'performedAt',
          message: 'performedAt must not be in the future',
        },
      ]);
    });
  });

  describe('result', () => {
    const vegf = {
      specimen: 'plasma' as const,
      values: [{ code: '75628-8', name: 'VEGF', value: 310, unit: 'pg/mL' }],
    };

    it('records the normalised result and its findings, clears the review and keeps a typed source as none', () => {
      const decision = decide(
        aWorkup(
          anItem('vegf', {
            status: 'performed',
            performedAt: new Date('2026-03-09T10:00:00Z'),
          }),
        ),
        {
          key: 'vegf',
          action: 'result',
          body: { version: 1, ...vegf },
        },
      );
      const [change] = decision.changes;

      expect(change?.patch).toMatchObject({
        status: 'resulted',
        resultedAt: NOW,
        performedAt: new Date('2026-03-09T10:00:00Z'),
        reviewedAt: null,
        reviewedBy: null,
        resultSource: null,
      });
      expect(change?.patch.result).toMatchObject({ specimen: 'plasma' });
      expect(change?.patch.result).not.toHaveProperty('version');
      expect(change?.patch.findings).toEqual([
        expect.objectContaining({
          criterion: 'vegf_elevation',
          value: 'present',
          source: 'inferred',
        }),
      ]);
      expect(change?.history).toMatchObject({
        effectiveAt: new Date('2026-03-09T10:00:00Z'),
        details: null,
      });
      expect(decision.evaluation).toEqual({
        cause: 'item result',
        itemKey: 'vegf',
      });
    });

    it('takes performedAt from the body, and when there is none, now as when it happened', () => {
      const withTime = decide(aWorkup(), {
        key: 'vegf',
        action: 'result',
        body: { version: 1, performedAt: '2026-03-08T10:00:00Z', ...vegf },
      }).changes[0];
      const without = decide(aWorkup(), {
        key: 'vegf',
        action: 'result',
        body: { version: 1, ...vegf },
      }).changes[0];

      expect(withTime?.patch.performedAt).toEqual(
        new Date('2026-03-08T10:00:00Z'),
      );
      expect(withTime?.history.effectiveAt).toEqual(
        new Date('2026-03-08T10:00:00Z'),
      );
      expect(without?.patch.performedAt).toBeNull();
      expect(without?.history.effectiveAt).toEqual(NOW);
    });

    it('keeps who asserted a finding, and when', () => {
      const [change] = decide(aWorkup(), {
        key: 'lymph_node_biopsy',
        action: 'activate',
        body: { version: 1 },
      }).changes;
      expect(change?.patch.status).toBe('planned');

      const asserted = decide(
        aWorkup(anItem('lymph_node_biopsy', { active: true })),
        {
          key: 'lymph_node_biopsy',
          action: 'result',
          body: {
            version: 1,
            findings: [{ criterion: 'castleman_disease', value: 'present' }],
          },
        },
      ).changes[0];

      expect(asserted?.patch.findings).toEqual([
        {
          criterion: 'castleman_disease',
          value: 'present',
          source: 'asserted',
          assertedBy: ACTOR.displayName,
          assertedAt: NOW.toISOString(),
        },
      ]);
    });

    it('names the interface and message a result came from, and keeps it as the source', () => {
      const [change] = decide(
        aWorkup(),
        { key: 'vegf', action: 'result', body: { version: 1, ...vegf } },
        { source: INTERFACE },
      ).changes;

      expect(change?.patch.resultSource).toEqual(INTERFACE);
      expect(change?.history.details).toEqual({ source: INTERFACE });
      expect(change?.audit.details).toEqual({
        itemKey: 'vegf',
        source: INTERFACE,
      });
    });

    it('refuses a result the catalog item cannot hold', () => {
      const error = refusal(() =>
        decide(aWorkup(), {
          key: 'vegf',
          action: 'result',
          body: { version: 1, values: vegf.values },
        }),
      );

      expect(error.code).toBe('validation_failed');
      expect(error.fieldErrors?.map((e) => e.field)).toEqual(['specimen']);
    });

    it('refuses a performedAt beyond the tolerance', () => {
      const performedAt = new Date(
        NOW.getTime() + FUTURE_TOLERANCE_MS + 60_000,
      ).toISOString();
      const error = refusal(() =>
        decide(aWorkup(), {
          key: 'vegf',
          action: 'result',
          body: { version: 1, performedAt, ...vegf },
        }),
      );

      expect(error.fieldErrors).toContainEqual({
        field: 'performedAt',
        message: 'performedAt must not be in the future',
      });
    });
  });

  describe('correction', () => {
    const first = decide(aWorkup(), {
      key: 'vegf',
      action: 'result',
      body: {
        version: 1,
        specimen: 'plasma',
        values: [{ code: '75628-8', name: 'VEGF', value: 310, unit: 'pg/mL' }],
      },
    }).changes[0];
    const reviewed = anItem('vegf', {
      status: 'reviewed',
      result: first?.patch.result ?? null,
      findings: first?.patch.findings ?? [],
      resultedAt: NOW,
      reviewedAt: NOW,
      reviewedBy: 'u-2',
      resultSource: INTERFACE,
      version: 3,
    });

    it('keeps the earlier result, findings and source in history, and asks for a new review', () => {
      const decision = decide(aWorkup(reviewed), {
        key: 'vegf',
        action: 'result',
        body: {
          version: 3,
          specimen: 'plasma',
          values: [{ code: '75628-8', name: 'VEGF', value: 50, unit: 'pg/mL' }],
        },
      });
      const [change] = decision.changes;

      expect(decision.correction).toBe(true);
      expect(decision.evaluation).toEqual({
        cause: 'result corrected',
        itemKey: 'vegf',
      });
      expect(change?.patch).toMatchObject({
        status: 'resulted',
        reviewedAt: null,
        reviewedBy: null,
        resultSource: null,
      });
      expect(change?.history.details).toEqual({
        correction: true,
        previousStatus: 'reviewed',
        previousResult: reviewed.result,
        previousFindings: reviewed.findings,
        previousSource: INTERFACE,
      });
      expect(change?.audit.details).toEqual({
        itemKey: 'vegf',
        correction: true,
      });
      expect(change?.audit.diff).toHaveProperty('reviewedAt', {
        from: NOW.toISOString(),
        to: null,
      });
      expect(evaluationAuditDetails(decision, ['flag'], true)).toEqual({
        cause: 'item.result',
        itemKey: 'vegf',
        flags: ['flag'],
        correction: true,
        retracted: true,
      });
    });

    it('names no previous source when the earlier result was typed', () => {
      const [change] = decide(aWorkup({ ...reviewed, resultSource: null }), {
        key: 'vegf',
        action: 'result',
        body: {
          version: 3,
          specimen: 'plasma',
          values: [{ code: '75628-8', name: 'VEGF', value: 50, unit: 'pg/mL' }],
        },
      }).changes;

      expect(change?.history.details).not.toHaveProperty('previousSource');
    });
  });

  describe('activation by signs', () => {
    it('activates the conditional item a recorded sign calls for, as the same actor, after the result', () => {
      const decision = decide(aWorkup(), {
        key: 'physical_exam',
        action: 'result',
        body: { version: 1, signs: ['lymphadenopathy', 'edema'] },
      });

      expect(decision.changes.map((c) => [c.key, c.action])).toEqual([
        ['physical_exam', 'result'],
        ['lymph_node_biopsy', 'activate'],
      ]);
      const activation = decision.changes[1];
      expect(activation?.patch).toEqual({
        reason: 'lymphadenopathy recorded by physical examination',
        status: 'planned',
        active: true,
        updatedAt: NOW,
        updatedBy: 'u-1',
      });
      expect(activation?.history).toEqual({
        from: 'planned',
        to: 'planned',
        effectiveAt: NOW,
        reason: 'lymphadenopathy recorded by physical examination',
        details: { automatic: true, trigger: 'physical_exam' },
      });
      expect(activation?.audit).toEqual({
        action: 'item.activate',
        diff: {
          active: { from: false, to: true },
          reason: {
            from: null,
            to: 'lymphadenopathy recorded by physical examination',
          },
        },
        details: { itemKey: 'lymph_node_biopsy', automatic: true },
      });
      expect(decision.evaluation).toEqual({
        cause: 'item result',
        itemKey: 'physical_exam',
      });
    });

    it('leaves an item already active, or no longer planned, as it is', () => {
      for (const target of [
        anItem('lymph_node_biopsy', { active: true }),
        anItem('lymph_node_biopsy', { status: 'not_indicated' }),
      ]) {
        const decision = decide(aWorkup(target), {
          key: 'physical_exam',
          action: 'result',
          body: { version: 1, signs: ['lymphadenopathy'] },
        });
        expect(decision.changes.map((c) => c.key)).toEqual(['physical_exam']);
      }
    });

    it('activates nothing without the sign, nor on actions other than a result', () => {
      expect(
        decide(aWorkup(), {
          key: 'physical_exam',
          action: 'result',
          body: { version: 1, signs: ['edema'] },
        }).changes,
      ).toHaveLength(1);
      expect(
        decide(
          aWorkup(
            anItem('physical_exam', {
              result: { signs: ['lymphadenopathy'] },
              status: 'resulted',
            }),
          ),
          {
            key: 'physical_exam',
            action: 'review',
            body: { version: 1 },
          },
        ).changes,
      ).toHaveLength(1);
    });
  });

  describe('review, closing and reopening', () => {
    it('marks a result reviewed by the actor, with the note in history', () => {
      const [change] = decide(aWorkup(anItem('vegf', { status: 'resulted' })), {
        key: 'vegf',
        action: 'review',
        body: { version: 1, note: 'Discussed.' },
      }).changes;

      expect(change?.patch).toMatchObject({
        status: 'reviewed',
        reviewedAt: NOW,
        reviewedBy: 'u-1',
      });
      expect(change?.history.details).toEqual({ note: 'Discussed.' });
    });

    it('keeps no history details for a review without a note', () => {
      const [change] = decide(aWorkup(anItem('vegf', { status: 'resulted' })), {
        key: 'vegf',
        action: 'review',
        body: { version: 1 },
      }).changes;

      expect(change?.history.details).toBeNull();
    });

    it.each(['cancel', 'not-indicated'] as const)(
      '%s keeps the reason and the name of who closed it',
      (action) => {
        const [change] = decide(aWorkup(), {
          key: 'vegf',
          action,
          body: { version: 1, reason: 'Done elsewhere.' },
        }).changes;

        expect(change?.patch).toMatchObject({
          status: action === 'cancel' ? 'cancelled' : 'not_indicated',
          reason: 'Done elsewhere.',
          closedByName: ACTOR.displayName,
        });
        expect(change?.history.reason).toBe('Done elsewhere.');
      },
    );

    it('reopens a closed item and forgets who closed it', () => {
      const state = aWorkup(
        anItem('vegf', {
          status: 'cancelled',
          reason: 'No kit.',
          closedByName: 'Dr. B',
        }),
      );
      const [change] = decide(state, {
        key: 'vegf',
        action: 'reopen',
        body: { version: 1, reason: 'Kit arrived.' },
      }).changes;

      expect(change?.patch).toMatchObject({
        status: 'planned',
        reason: 'Kit arrived.',
        closedByName: null,
      });
      expect(change?.history).toMatchObject({
        from: 'cancelled',
        to: 'planned',
        reason: 'Kit arrived.',
      });
    });

    it('activates a conditional item by hand, with or without a reason', () => {
      const withReason = decide(aWorkup(), {
        key: 'lymph_node_biopsy',
        action: 'activate',
        body: { version: 1, reason: 'Palpable node.' },
      }).changes[0];
      const without = decide(
        aWorkup(anItem('lymph_node_biopsy', { reason: 'earlier' })),
        {
          key: 'lymph_node_biopsy',
          action: 'activate',
          body: { version: 1 },
        },
      ).changes[0];

      expect(withReason?.patch).toMatchObject({
        active: true,
        reason: 'Palpable node.',
      });
      expect(withReason?.history.reason).toBe('Palpable node.');
      expect(without?.patch.reason).toBe('earlier');
      expect(without?.history.reason).toBeNull();
    });

    it('records no actor when the system acts', () => {
      const [change] = decide(
        aWorkup(),
        {
          key: 'vegf',
          action: 'cancel',
          body: { version: 1, reason: 'Duplicate.' },
        },
        { actor: null },
      ).changes;

      expect(change?.patch).toMatchObject({
        updatedBy: null,
        closedByName: null,
      });
    });
  });

  describe('refusals', () => {
    it('refuses an item the workup does not have', () => {
      expect(
        refusal(() =>
          decide(aWorkup(), {
            key: 'nope',
            action: 'order',
            body: { version: 1 },
          }),
        ).code,
      ).toBe('not_found');
    });

    it('refuses a stale version', () => {
      const error = refusal(() =>
        decide(aWorkup(anItem('vegf', { version: 4 })), {
          key: 'vegf',
          action: 'order',
          body: { version: 3 },
        }),
      );

      expect(error.code).toBe('stale_version');
    });

    it('refuses any action on a closed workup', () => {
      const state: ItemActionState = { ...aWorkup(), workupStatus: 'closed' };

      expect(
        refusal(() =>
          decide(state, { key: 'vegf', action: 'order', body: { version: 1 } }),
        ).code,
      ).toBe('illegal_transition');
    });

    it('refuses what the lifecycle does not allow', () => {
      expect(
        refusal(() =>
          decide(aWorkup(), {
            key: 'vegf',
            action: 'review',
            body: { version: 1 },
          }),
        ).message,
      ).toBe('Cannot review an item that is planned.');
      expect(
        refusal(() =>
          decide(aWorkup(), {
            key: 'lymph_node_biopsy',
            action: 'order',
            body: { version: 1 },
          }),
        ).code,
      ).toBe('illegal_transition');
    });

    it('checks the body before the version, and the version before the workup', () => {
      const performedAt = new Date(
        NOW.getTime() + FUTURE_TOLERANCE_MS + 1,
      ).toISOString();
      const closed: ItemActionState = { ...aWorkup(), workupStatus: 'closed' };

      expect(
        refusal(() =>
          decide(closed, {
            key: 'vegf',
            action: 'perform',
            body: { version: 9, performedAt },
          }),
        ).code,
      ).toBe('validation_failed');
      expect(
        refusal(() =>
          decide(closed, {
            key: 'vegf',
            action: 'order',
            body: { version: 9 },
          }),
        ).code,
      ).toBe('stale_version');
    });
  });
});

describe('auditedItemFields and diffOf', () => {
  it('compare instants as ISO text and missing fields as null', () => {
    const before = auditedItemFields(anItem('vegf'));
    const after = auditedItemFields(
      anItem('vegf', { performedAt: new Date('2026-03-09T10:00:00Z') }),
    );

    expect(diffOf(before, after)).toEqual({
      performedAt: { from: null, to: '2026-03-09T10:00:00.000Z' },
    });
    expect(diffOf({ a: 1 }, null)).toEqual({ a: { from: 1, to: null } });
    expect(diffOf({ a: null }, {})).toEqual({});
  });
});
