import {
  auditValue,
  readableAuditDetails,
  readableAuditDiff,
} from './readable-audit';

describe('readableAuditDiff', () => {
  it('says each field old → new in words, instants kept for the clinic clock', () => {
    expect(
      readableAuditDiff({
        status: { from: 'not_indicated', to: 'planned' },
        scheduledAt: { from: null, to: '2026-12-09T14:00:00.000Z' },
        active: { from: false, to: true },
        dueDate: { from: '2026-12-01', to: '2026-12-15' },
        reason: { from: 'Declined', to: '' },
      }),
    ).toEqual([
      { field: 'Status', from: 'not indicated', to: 'planned' },
      {
        field: 'Scheduled at',
        from: null,
        to: { at: '2026-12-09T14:00:00.000Z' },
      },
      { field: 'Active', from: 'no', to: 'yes' },
      { field: 'Due date', from: '2026-12-01', to: '2026-12-15' },
      { field: 'Reason', from: 'Declined', to: null },
    ]);
  });

  it('expands a result into its values with human units, and findings per criterion', () => {
    expect(
      readableAuditDiff(
        {
          result: {
            from: {
              values: [
                { name: 'Platelets', value: 450, unit: '10*9/L', high: 400 },
              ],
            },
            to: {
              values: [
                { name: 'Platelets', value: 310, unit: '10*9/L', high: 400 },
              ],
            },
          },
          findings: {
            from: [
              {
                criterion: 'thrombocytosis_polycythemia',
                value: 'present',
                source: 'inferred',
              },
            ],
            to: [
              {
                criterion: 'thrombocytosis_polycythemia',
                value: 'absent',
                source: 'inferred',
              },
            ],
          },
        },
        { criterion: () => 'Thrombocytosis' },
      ),
    ).toEqual([
      { field: 'Platelets', from: '450 ×10⁹/L (high)', to: '310 ×10⁹/L' },
      { field: 'Finding: Thrombocytosis', from: 'present', to: 'absent' },
    ]);
  });

  it('reads a first result from nothing, and criteria by their key in words without names', () => {
    expect(
      readableAuditDiff({
        result: { from: null, to: { specimen: 'plasma' } },
        findings: {
          from: null,
          to: [
            {
              criterion: 'vegf_elevation',
              value: 'present',
              source: 'asserted',
            },
          ],
        },
      }),
    ).toEqual([
      { field: 'Specimen', from: null, to: 'plasma' },
      {
        field: 'Finding: Vegf elevation',
        from: null,
        to: 'present (asserted)',
      },
    ]);
  });

  it('shows a field of another shape as its value, and nothing for no diff', () => {
    expect(readableAuditDiff({ mrn: 'A-1' })).toEqual([
      { field: 'Mrn', from: null, to: 'A-1' },
    ]);
    expect(readableAuditDiff(null)).toEqual([]);
  });
});

describe('readableAuditDetails', () => {
  it('gives each detail a label and words', () => {
    expect(
      readableAuditDetails({
        itemKey: 'bone_marrow_biopsy',
        correction: true,
        filters: { action: 'item.result', patient: 'Okafor' },
        shown: ['p1', 'p2'],
        at: '2026-12-07T09:30:00Z',
        note: null,
      }),
    ).toEqual([
      { label: 'Item key', value: 'bone marrow biopsy' },
      { label: 'Correction', value: 'yes' },
      { label: 'Filters', value: 'action item.result, patient Okafor' },
      { label: 'Shown', value: 'p1, p2' },
      { label: 'At', value: { at: '2026-12-07T09:30:00Z' } },
      { label: 'Note', value: null },
    ]);
    expect(readableAuditDetails(null)).toEqual([]);
  });

  it('does not take a date or loose text for an instant', () => {
    expect(auditValue('2026-12-07')).toBe('2026-12-07');
    expect(auditValue('2026-12-07 09:30')).toBe('2026-12-07 09:30');
    expect(auditValue(0)).toBe('0');
  });
});
