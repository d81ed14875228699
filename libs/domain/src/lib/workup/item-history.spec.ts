import type { Finding } from './findings';
import {
  readableItemHistory,
  type HistoryRowInput,
  type ItemHistoryState,
} from './item-history';
import type { ResultInput } from './result';

let seq = 0;
function row(
  action: string,
  from: HistoryRowInput['from'],
  to: HistoryRowInput['to'],
  recordedAt: string,
  extra: Partial<HistoryRowInput> = {},
): HistoryRowInput {
  seq += 1;
  return {
    id: `h${seq}`,
    action,
    from,
    to,
    effectiveAt: recordedAt,
    recordedAt,
    reason: null,
    details: null,
    ...extra,
  };
}

const NOTHING: ItemHistoryState = {
  result: null,
  findings: [],
  scheduledAt: null,
};

const platelets = (value: number): ResultInput => ({
  values: [{ name: 'Platelets', value, unit: '10*9/L', low: 150, high: 400 }],
});
const thrombocytosis = (value: Finding['value']): Finding[] => [
  { criterion: 'thrombocytosis_polycythemia', value, source: 'inferred' },
];

describe('readableItemHistory', () => {
  it('gives a first result its values with human units and its findings, from the next correction', () => {
    const first = row(
      'result',
      'performed',
      'resulted',
      '2026-11-02T10:00:00Z',
    );
    const correction = row(
      'result',
      'resulted',
      'resulted',
      '2026-11-05T10:00:00Z',
      {
        effectiveAt: '2026-11-01T08:00:00Z',
        details: {
          correction: true,
          previousStatus: 'resulted',
          previousResult: platelets(450),
          previousFindings: thrombocytosis('present'),
        },
      },
    );
    const [a, b] = readableItemHistory([first, correction], {
      ...NOTHING,
      result: platelets(310),
      findings: thrombocytosis('absent'),
    });

    expect(a?.correction).toBe(false);
    expect(a?.changes).toEqual([
      { field: 'Status', from: 'performed', to: 'resulted' },
      { field: 'Platelets', from: null, to: '450 ×10⁹/L (high)' },
      { field: 'Platelets reference range', from: null, to: '150–400 ×10⁹/L' },
      {
        field: 'Finding: Thrombocytosis polycythemia',
        from: null,
        to: 'present',
      },
    ]);
    expect(b?.correction).toBe(true);
    // The range and the unchanged status are not repeated.
    expect(b?.changes).toEqual([
      { field: 'Platelets', from: '450 ×10⁹/L (high)', to: '310 ×10⁹/L' },
      {
        field: 'Finding: Thrombocytosis polycythemia',
        from: 'present',
        to: 'absent',
      },
    ]);
  });

  it('chains corrections: each new value is the next correction’s previous value, the last the current result', () => {
    const correction = (at: string, previous: number) =>
      row('result', 'resulted', 'resulted', at, {
        details: {
          correction: true,
          previousResult: platelets(previous),
          previousFindings: [],
        },
      });
    const entries = readableItemHistory(
      [
        row('result', 'performed', 'resulted', '2026-11-01T10:00:00Z'),
        correction('2026-11-02T10:00:00Z', 500),
        correction('2026-11-03T10:00:00Z', 420),
      ],
      { ...NOTHING, result: platelets(380) },
    );
    const platelet = entries.map((e) =>
      e.changes.find((c) => c.field === 'Platelets'),
    );
    expect(platelet).toEqual([
      { field: 'Platelets', from: null, to: '500 ×10⁹/L (high)' },
      {
        field: 'Platelets',
        from: '500 ×10⁹/L (high)',
        to: '420 ×10⁹/L (high)',
      },
      { field: 'Platelets', from: '420 ×10⁹/L (high)', to: '380 ×10⁹/L' },
    ]);
  });

  it('sorts by recorded time, not by the effective time a correction carries', () => {
    const entries = readableItemHistory(
      [
        row('result', 'resulted', 'reviewed', '2026-11-09T10:00:00Z', {
          effectiveAt: '2026-10-01T08:00:00Z',
          details: {
            correction: true,
            previousResult: platelets(1),
            previousFindings: [],
          },
        }),
        row('create', null, 'planned', '2026-10-01T09:00:00Z'),
        row('review', 'resulted', 'reviewed', '2026-11-08T10:00:00Z'),
      ],
      NOTHING,
    );
    expect(entries.map((e) => e.action)).toEqual([
      'create',
      'review',
      'result',
    ]);
  });

  it('keeps rows recorded at the same instant in the order given', () => {
    const at = '2026-11-01T10:00:00Z';
    const entries = readableItemHistory(
      [
        row('order', 'planned', 'ordered', at),
        row('schedule', 'ordered', 'scheduled', at),
      ],
      NOTHING,
    );
    expect(entries.map((e) => e.action)).toEqual(['order', 'schedule']);
  });

  it('shows a ratio without a unit, a flag from the laboratory, a one-sided range and other fields in words', () => {
    const result: ResultInput = {
      values: [
        { name: 'κ/λ ratio', value: 2.4, unit: '1', interpretation: 'H' },
        { name: 'VEGF', value: 90, unit: 'pg/mL', high: 96 },
        { name: 'Hemoglobin', value: 100, unit: 'g/L', low: 120 },
      ],
      specimen: 'plasma',
      heavyChain: 'IgA',
      lightChain: 'lambda',
      clones: [
        { heavyChain: 'IgG', lightChain: 'kappa' },
        { heavyChain: 'none', lightChain: 'lambda' },
      ],
      axes: { gonadal: 'abnormal', thyroid: 'not_tested' },
      lesions: 'sclerotic',
      modality: 'low_dose_whole_body_ct',
      signs: ['lymphadenopathy'],
      confounders: [],
      report: 'Two sclerotic lesions',
      lesionCount: 2,
    };
    const [entry] = readableItemHistory(
      [row('result', 'performed', 'resulted', '2026-11-01T10:00:00Z')],
      { ...NOTHING, result },
    );
    expect(entry?.changes.map((c) => [c.field, c.to])).toEqual([
      ['Status', 'resulted'],
      ['κ/λ ratio', '2.4 (high)'],
      ['VEGF', '90 pg/mL'],
      ['VEGF reference range', '≤ 96 pg/mL'],
      ['Hemoglobin', '100 g/L (low)'],
      ['Hemoglobin reference range', '≥ 120 g/L'],
      ['Specimen', 'plasma'],
      ['Heavy chain', 'IgA'],
      ['Light chain', 'lambda'],
      ['Clones', 'IgG kappa, lambda'],
      ['Gonadal axis', 'abnormal'],
      ['Thyroid axis', 'not tested'],
      ['Lesions', 'sclerotic'],
      ['Modality', 'low dose whole body ct'],
      ['Signs', 'lymphadenopathy'],
      ['Confounders', 'none'],
      ['Report', 'Two sclerotic lesions'],
      ['Lesion count', '2'],
    ]);
  });

  it('says a field that a correction removed is now none, and names asserted findings', () => {
    const [, correction] = readableItemHistory(
      [
        row('result', 'performed', 'resulted', '2026-11-01T10:00:00Z'),
        row('result', 'reviewed', 'resulted', '2026-11-02T10:00:00Z', {
          details: {
            correction: true,
            previousResult: { specimen: 'serum', report: 'old' },
            previousFindings: [
              {
                criterion: 'vegf_elevation',
                value: 'indeterminate',
                source: 'inferred',
              },
            ],
          },
        }),
      ],
      {
        ...NOTHING,
        result: { specimen: 'plasma' },
        findings: [
          {
            criterion: 'vegf_elevation',
            value: 'indeterminate',
            source: 'inferred',
          },
          { criterion: 'vegf_elevation', value: 'present', source: 'asserted' },
        ],
      },
      {
        criterion: (key) => (key === 'vegf_elevation' ? 'VEGF elevation' : key),
      },
    );
    expect(correction?.correction).toBe(true);
    expect(correction?.changes).toEqual([
      { field: 'Status', from: 'reviewed', to: 'resulted' },
      { field: 'Specimen', from: 'serum', to: 'plasma' },
      { field: 'Report', from: 'old', to: null },
      {
        field: 'Finding: VEGF elevation',
        from: 'indeterminate',
        to: 'present (asserted)',
      },
    ]);
  });

  it('names the interface a result came from, and a typed correction of it', () => {
    const source = {
      kind: 'interface',
      interfaceId: 'i1',
      interfaceName: 'Core lab',
      messageId: 'm1',
      controlId: 'MSG0001',
    };
    const [first, correction] = readableItemHistory(
      [
        row('result', 'performed', 'resulted', '2026-11-01T10:00:00Z', {
          details: { source },
        }),
        row('result', 'resulted', 'resulted', '2026-11-02T10:00:00Z', {
          details: {
            correction: true,
            previousResult: null,
            previousFindings: [],
            previousSource: source,
          },
        }),
      ],
      NOTHING,
    );
    expect(first?.changes).toContainEqual({
      field: 'Source',
      from: null,
      to: 'Core lab message MSG0001',
    });
    expect(correction?.changes).toContainEqual({
      field: 'Source',
      from: 'Core lab message MSG0001',
      to: 'typed',
    });
  });

  it('says a result from the inbox came through it', () => {
    const [entry] = readableItemHistory(
      [
        row('result', 'performed', 'resulted', '2026-11-01T10:00:00Z', {
          details: {
            source: {
              kind: 'inbox',
              entryId: 'e',
              messageId: 'm',
              controlId: 'C9',
              interfaceName: 'Lab',
            },
          },
        }),
      ],
      NOTHING,
    );
    expect(entry?.changes).toContainEqual({
      field: 'Source',
      from: null,
      to: 'Lab message C9 (from the inbox)',
    });
  });

  it('gives each appointment its time: a reschedule moves from the earlier one to the next or current one', () => {
    const entries = readableItemHistory(
      [
        row('schedule', 'ordered', 'scheduled', '2026-11-01T10:00:00Z'),
        row('schedule', 'scheduled', 'scheduled', '2026-11-02T10:00:00Z', {
          details: { rescheduledFrom: '2026-11-10T14:00:00.000Z' },
        }),
      ],
      { ...NOTHING, scheduledAt: '2026-11-12T15:00:00.000Z' },
    );
    expect(entries.map((e) => e.changes)).toEqual([
      [
        { field: 'Status', from: 'ordered', to: 'scheduled' },
        {
          field: 'Appointment',
          from: null,
          to: { at: '2026-11-10T14:00:00.000Z' },
        },
      ],
      [
        {
          field: 'Appointment',
          from: { at: '2026-11-10T14:00:00.000Z' },
          to: { at: '2026-11-12T15:00:00.000Z' },
        },
      ],
    ]);
  });

  it('gives performing its time and a review its note', () => {
    const [perform, review, silent] = readableItemHistory(
      [
        row('perform', 'scheduled', 'performed', '2026-11-03T10:00:00Z', {
          effectiveAt: '2026-11-02T09:00:00Z',
        }),
        row('review', 'resulted', 'reviewed', '2026-11-04T10:00:00Z', {
          details: { note: 'Agree' },
        }),
        row('review', 'resulted', 'reviewed', '2026-11-05T10:00:00Z', {
          details: { note: '' },
        }),
      ],
      NOTHING,
    );
    expect(perform?.changes).toContainEqual({
      field: 'Performed',
      from: null,
      to: { at: '2026-11-02T09:00:00Z' },
    });
    expect(review?.changes).toContainEqual({
      field: 'Note',
      from: null,
      to: 'Agree',
    });
    expect(silent?.changes.map((c) => c.field)).toEqual(['Status']);
  });

  it('follows the reason from cancel to reopen, and an activation by a recorded sign', () => {
    const [cancel, reopen, activate] = readableItemHistory(
      [
        row('cancel', 'planned', 'cancelled', '2026-11-01T10:00:00Z', {
          reason: 'Patient declined',
        }),
        row('reopen', 'cancelled', 'planned', '2026-11-02T10:00:00Z', {
          reason: 'Patient agreed',
        }),
        row('activate', 'planned', 'planned', '2026-11-03T10:00:00Z', {
          reason: 'lymphadenopathy recorded by Exam',
          details: { automatic: true, trigger: 'physical_exam' },
        }),
      ],
      NOTHING,
      { item: (key) => (key === 'physical_exam' ? 'Physical exam' : key) },
    );
    expect(cancel?.changes).toEqual([
      { field: 'Status', from: 'planned', to: 'cancelled' },
      { field: 'Reason', from: null, to: 'Patient declined' },
    ]);
    expect(reopen?.changes).toEqual([
      { field: 'Status', from: 'cancelled', to: 'planned' },
      { field: 'Reason', from: 'Patient declined', to: 'Patient agreed' },
    ]);
    expect(activate?.automatic).toBe(true);
    expect(activate?.changes).toEqual([
      { field: 'Active', from: 'no', to: 'yes' },
      { field: 'Activated by', from: null, to: 'Physical exam' },
      {
        field: 'Reason',
        from: 'Patient agreed',
        to: 'lymphadenopathy recorded by Exam',
      },
    ]);
  });

  it('says a created item is conditional and which protocol version added it', () => {
    const [created] = readableItemHistory(
      [
        row('create', null, 'planned', '2026-11-01T10:00:00Z', {
          reason: 'newer protocol',
          details: { active: false, protocol: 'poems-dispenzieri v2' },
        }),
      ],
      NOTHING,
    );
    expect(created?.correction).toBe(false);
    expect(created?.automatic).toBe(false);
    expect(created?.changes).toEqual([
      { field: 'Status', from: null, to: 'planned' },
      { field: 'Active', from: null, to: 'no (conditional)' },
      { field: 'Protocol', from: null, to: 'poems-dispenzieri v2' },
      { field: 'Reason', from: null, to: 'newer protocol' },
    ]);
  });

  it('keeps the row’s own fields (actor and times) for the reader', () => {
    const withActor = {
      ...row('order', 'planned', 'ordered', '2026-11-01T10:00:00Z'),
      actor: { id: 'u1', displayName: 'Dr Lee', role: 'coordinator' },
    };
    const [entry] = readableItemHistory([withActor], NOTHING);
    expect(entry?.actor).toEqual(withActor.actor);
    expect(entry?.effectiveAt).toBe('2026-11-01T10:00:00Z');
    expect(entry?.changes).toEqual([
      { field: 'Status', from: 'planned', to: 'ordered' },
    ]);
  });
});
