import { POEMS_FOLLOWUP_V1 } from '../protocol/poems-followup.v1';
import { aLine } from '../../../testing/followup.fixtures';
import {
  lineAnchor,
  nextLineNumber,
  supersedingLine,
  validateTreatmentLine,
  validateTreatmentLines,
  type LineErrorCode,
} from './treatment-line';
import type { TreatmentLine } from './treatment-line.types';

const TODAY = '2025-06-01';
const codes = (line: TreatmentLine) =>
  validateTreatmentLine(line, TODAY).map((e) => [e.field, e.code]);
const ldex = aLine({
  regimenClass: 'lenalidomide_dexamethasone',
  startDate: '2025-01-15',
});

describe('treatment line validation', () => {
  it('accepts a complete line of every class', () => {
    expect(codes(ldex)).toEqual([]);
    expect(
      codes(
        aLine({
          regimenClass: 'radiation',
          startDate: '2025-02-01',
          endDate: '2025-03-14',
          stopReason: 'completed',
          radiationSites: ['L2'],
        }),
      ),
    ).toEqual([]);
    expect(
      codes(
        aLine({
          regimenClass: 'asct_melphalan',
          startDate: '2025-01-02',
          transplantDate: '2025-03-10',
          inductionClass: 'lenalidomide_dexamethasone',
        }),
      ),
    ).toEqual([]);
    expect(
      codes(
        aLine({
          regimenClass: 'other',
          regimenText: 'bortezomib–dexamethasone',
          startDate: '2025-01-02',
        }),
      ),
    ).toEqual([]);
  });

  it.each<[string, Partial<TreatmentLine>, [string, LineErrorCode][]]>([
    [
      'a line number below 1',
      { lineNumber: 0 },
      [['lineNumber', 'line_number_invalid']],
    ],
    [
      'an unknown intent',
      { intent: 'maintenance' as never },
      [['intent', 'intent_invalid']],
    ],
    [
      'an unknown regimen class',
      { regimenClass: 'thalidomide' as never },
      [['regimenClass', 'regimen_class_invalid']],
    ],
    [
      'other without regimen text',
      { regimenClass: 'other', regimenText: '  ' },
      [['regimenText', 'regimen_text_required']],
    ],
    [
      'an induction on a non-ASCT line',
      { inductionClass: 'radiation' },
      [['inductionClass', 'induction_only_for_asct']],
    ],
    [
      'an invalid start date',
      { startDate: '2025-02-30' },
      [['startDate', 'start_date_invalid']],
    ],
    [
      'an end before the start',
      { endDate: '2025-01-14', stopReason: 'completed' },
      [['endDate', 'end_before_start']],
    ],
    [
      'an end after today',
      { endDate: '2025-06-02', stopReason: 'completed' },
      [['endDate', 'date_in_future']],
    ],
    [
      'an invalid end date',
      { endDate: 'soon', stopReason: 'completed' },
      [['endDate', 'end_date_invalid']],
    ],
    [
      'a transplant date on a non-ASCT line',
      { transplantDate: '2025-03-01' },
      [['transplantDate', 'transplant_only_for_asct']],
    ],
    [
      'radiation sites on a systemic line',
      { radiationSites: ['L2'] },
      [['radiationSites', 'radiation_sites_only_for_radiation']],
    ],
    [
      'an unknown stop reason',
      { endDate: '2025-05-01', stopReason: 'lost' as never },
      [['stopReason', 'stop_reason_invalid']],
    ],
    [
      'a stop reason on an ongoing line',
      { stopReason: 'toxicity' },
      [['stopReason', 'stop_reason_without_end']],
    ],
    [
      'an end without a stop reason',
      { endDate: '2025-05-01' },
      [['stopReason', 'end_without_stop_reason']],
    ],
  ])('refuses %s', (_, fields, expected) => {
    expect(codes({ ...ldex, ...fields })).toEqual(expected);
  });

  it('ASCT: induction from its own enum, transplant within the line', () => {
    const asct = aLine({
      regimenClass: 'asct_melphalan',
      startDate: '2025-01-02',
    });
    expect(
      codes({ ...asct, inductionClass: 'asct_melphalan' as never }),
    ).toEqual([['inductionClass', 'induction_class_invalid']]);
    expect(codes({ ...asct, transplantDate: '2025-01-01' })).toEqual([
      ['transplantDate', 'transplant_outside_line'],
    ]);
    expect(codes({ ...asct, transplantDate: '2025-06-02' })).toEqual([
      ['transplantDate', 'transplant_outside_line'],
    ]);
    expect(
      codes({
        ...asct,
        transplantDate: '2025-05-02',
        endDate: '2025-05-01',
        stopReason: 'completed',
      }),
    ).toEqual([['transplantDate', 'transplant_outside_line']]);
    expect(codes({ ...asct, transplantDate: '2025-13-01' })).toEqual([
      ['transplantDate', 'transplant_date_invalid'],
    ]);
    expect(codes({ ...asct, transplantDate: '2025-01-02' })).toEqual([]);
  });

  it('radiation sites name lesions', () => {
    const rt = aLine({
      regimenClass: 'radiation',
      startDate: '2025-02-01',
      radiationSites: ['L2', ''],
    });
    expect(codes(rt)).toEqual([
      ['radiationSites[1]', 'radiation_site_invalid'],
    ]);
  });

  it('a patient’s lines are numbered 1…n, each starting after the one before', () => {
    const line2 = aLine({
      id: 'b',
      lineNumber: 2,
      intent: 'salvage',
      regimenClass: 'asct_melphalan',
      startDate: '2025-04-01',
    });
    expect(validateTreatmentLines([ldex, line2], TODAY)).toEqual([]);
    expect(validateTreatmentLines([line2], TODAY).map((e) => e.code)).toEqual([
      'line_numbers_not_contiguous',
    ]);
    expect(
      validateTreatmentLines([ldex, { ...line2, lineNumber: 3 }], TODAY).map(
        (e) => e.code,
      ),
    ).toEqual(['line_numbers_not_contiguous']);
    expect(
      validateTreatmentLines([ldex, { ...line2, lineNumber: 1 }], TODAY).map(
        (e) => e.code,
      ),
    ).toEqual(['line_number_duplicate']);
    expect(
      validateTreatmentLines(
        [ldex, { ...line2, startDate: '2025-01-15' }],
        TODAY,
      ),
    ).toEqual([
      expect.objectContaining({
        code: 'start_not_after_previous_line',
        field: 'startDate',
        lineId: 'b',
      }),
    ]);
    expect(
      validateTreatmentLines(
        [ldex, { ...line2, intent: 'cure' as never }],
        TODAY,
      ),
    ).toEqual([
      expect.objectContaining({ code: 'intent_invalid', lineId: 'b' }),
    ]);
    expect(nextLineNumber([ldex, line2])).toBe(3);
    expect(nextLineNumber([])).toBe(1);
  });
});

describe('anchors and superseding', () => {
  it('radiation counts from its end, ASCT from the transplant, the rest from the start', () => {
    const rt = aLine({
      regimenClass: 'radiation',
      startDate: '2025-02-01',
      endDate: '2025-03-14',
      stopReason: 'completed',
    });
    expect(lineAnchor(POEMS_FOLLOWUP_V1, rt, TODAY)).toEqual({
      date: '2025-03-14',
      field: 'end_date',
    });
    expect(
      lineAnchor(
        POEMS_FOLLOWUP_V1,
        { ...rt, endDate: null, stopReason: null },
        TODAY,
      ),
    ).toEqual({ date: null, field: 'end_date' });
    const asct = aLine({
      regimenClass: 'asct_melphalan',
      startDate: '2025-01-02',
      transplantDate: '2025-03-10',
    });
    expect(lineAnchor(POEMS_FOLLOWUP_V1, asct, TODAY)).toEqual({
      date: '2025-03-10',
      field: 'transplant_date',
    });
    expect(
      lineAnchor(POEMS_FOLLOWUP_V1, { ...asct, transplantDate: null }, TODAY)
        .date,
    ).toBeNull();
    expect(lineAnchor(POEMS_FOLLOWUP_V1, ldex, TODAY)).toEqual({
      date: '2025-01-15',
      field: 'start_date',
    });
    expect(
      lineAnchor(
        POEMS_FOLLOWUP_V1,
        aLine({
          regimenClass: 'melphalan_dexamethasone',
          startDate: '2025-01-15',
        }),
        TODAY,
      ).field,
    ).toBe('start_date');
  });

  it('a date after the evaluation day is not known on it', () => {
    const asct = aLine({
      regimenClass: 'asct_melphalan',
      startDate: '2025-01-02',
      transplantDate: '2025-03-10',
    });
    expect(lineAnchor(POEMS_FOLLOWUP_V1, asct, '2025-03-09').date).toBeNull();
    expect(lineAnchor(POEMS_FOLLOWUP_V1, ldex, '2025-01-14').date).toBeNull();
  });

  it('line n+1 supersedes line n once recorded', () => {
    const line2 = aLine({
      id: 'b',
      lineNumber: 2,
      regimenClass: 'radiation',
      startDate: '2025-09-01',
    });
    expect(supersedingLine([ldex, line2], ldex)).toBe(line2);
    expect(supersedingLine([ldex, line2], line2)).toBeUndefined();
  });
});
