import { POEMS_DISPENZIERI_V1 } from '../protocol/poems-dispenzieri.v1';
import { getCatalogItem } from '../protocol/registry';
import { findingsOfResult } from '../inference/infer-findings';
import { validateResult } from '../workup/result-validation';
import { normaliseResult, type ResultInput } from '../workup/result';
import {
  CITYLAB_MAPPING,
  freshItems,
  nm,
  order,
  reportOf,
  SAMPLES,
} from '../../testing/lab-reports.fixtures';
import type { DecodedReport, ItemState } from './inbound.types';
import { axesOfValues, planInboundReport, type PlanContext } from './inbound-plan';

const context = (overrides: Partial<PlanContext> = {}): PlanContext => ({
  mapping: CITYLAB_MAPPING,
  interfaceId: 'iface-citylab',
  items: freshItems(),
  earlier: [],
  ...overrides,
});

const plan = (report: DecodedReport, overrides: Partial<PlanContext> = {}) => planInboundReport(report, context(overrides));

/** Findings the `result` action would infer from an applied result, as the evaluation reads them. */
const findings = (itemKey: string, result: ResultInput, sex: 'male' | 'female' = 'male') =>
  findingsOfResult({
    item: getCatalogItem(POEMS_DISPENZIERI_V1, itemKey),
    result: normaliseResult(result),
    sex,
    thresholds: POEMS_DISPENZIERI_V1.thresholds,
  }).map((f) => [f.criterion, f.value]);

describe('planning an inbound report (lab-interface reference §2)', () => {
  it('01: applies plasma VEGF 480 with its laboratory flag; vegf_elevation present', () => {
    const { applications, inbox } = plan(SAMPLES.vegfPlasma);
    expect(inbox).toEqual([]);
    expect(applications).toEqual([
      expect.objectContaining({
        itemKey: 'vegf',
        correction: false,
        performedAt: '2025-03-12T08:15:00-05:00',
        fillerOrder: 'FIL-55120^CITYLAB',
        result: {
          values: [{ code: '75628-8', name: 'VEGF', value: 480, unit: 'pg/mL', high: 96.2, interpretation: 'H' }],
          specimen: 'plasma',
        },
        loincs: [{ loinc: '75628-8', subId: '' }],
      }),
    ]);
    const result = applications[0]?.result as ResultInput;
    expect(validateResult(getCatalogItem(POEMS_DISPENZIERI_V1, 'vegf'), result)).toEqual([]);
    expect(findings('vegf', result)).toEqual([['vegf_elevation', 'present']]);
  });

  it('02: serum VEGF 1650 above the laboratory\'s limit 707 is present (never compared with the plasma 200)', () => {
    const serum = reportOf(order('FIL-55131', [nm(1, '75628-8', 1650, 'pg/mL', '62-707', 'H')], { specimen: 'serum' }));
    const [application] = plan(serum).applications;
    expect(application?.result).toEqual({
      values: [{ code: '75628-8', name: 'VEGF', value: 1650, unit: 'pg/mL', low: 62, high: 707, interpretation: 'H' }],
      specimen: 'serum',
    });
    expect(findings('vegf', application?.result as ResultInput)).toEqual([['vegf_elevation', 'present']]);
  });

  it('03: maps the coded IFE answer through the interface\'s map; the narrative becomes the report, never parsed for chains', () => {
    const [application] = plan(SAMPLES.serumIfe).applications;
    expect(application?.itemKey).toBe('serum_ife');
    expect(application?.result).toEqual({
      heavyChain: 'IgA',
      lightChain: 'lambda',
      report: 'Monoclonal IgA lambda band.\nAntisera: IgG|IgA|IgM|kappa|lambda',
    });
    expect(findings('serum_ife', application?.result as ResultInput)).toEqual([['monoclonal_plasma_cell_disorder', 'present']]);
  });

  it('03 without the interface\'s map and an unknown code: the inbox, as coded_value_unmapped', () => {
    const { applications, inbox } = plan(SAMPLES.serumIfe, { mapping: { codedAnswers: [] } });
    // IFE-AL is also in the default map of mnemonic codes.
    expect(applications).toHaveLength(1);
    const local = JSON.parse(JSON.stringify(SAMPLES.serumIfe).replace('IFE-AL', 'L-0042')) as DecodedReport;
    const other = plan(local, { mapping: {} });
    expect(other.applications).toEqual([]);
    expect(other.inbox.map((e) => e.reason)).toEqual(['coded_value_unmapped']);
    expect(inbox).toEqual([]);
  });

  it('04: applies the three free light chain values in mg/L, the ratio unitless; supports, never establishes', () => {
    const [application] = plan(SAMPLES.serumFlc).applications;
    expect(application?.result.values).toEqual([
      { code: '36916-5', name: 'Kappa free light chain', value: 12, unit: 'mg/L', low: 3.3, high: 19.4, interpretation: 'N' },
      { code: '33944-0', name: 'Lambda free light chain', value: 125, unit: 'mg/L', low: 5.7, high: 26.3, interpretation: 'H' },
      { code: '48378-4', name: 'Kappa/lambda free light chain ratio', value: 0.1, unit: '1', low: 0.26, high: 1.65, interpretation: 'L' },
    ]);
    expect(getCatalogItem(POEMS_DISPENZIERI_V1, 'serum_flc').establishes).toEqual([]);
  });

  it('05: applies the blood count with white cells as context; thrombocytosis/polycythemia present', () => {
    const [application] = plan(SAMPLES.cbc).applications;
    expect(application?.itemKey).toBe('cbc');
    expect(application?.result.values?.map((v) => [v.code, v.value, v.unit, v.interpretation])).toEqual([
      ['6690-2', 7.2, '10*9/L', 'N'],
      ['718-7', 18.4, 'g/dL', 'H'],
      ['4544-3', 55.1, '%', 'H'],
      ['777-3', 612, '10*9/L', 'H'],
    ]);
    expect(findings('cbc', application?.result as ResultInput)).toEqual([['thrombocytosis_polycythemia', 'present']]);
  });

  it('06: computes the endocrine axes from the values; endocrinopathy met through gonadal and prolactin', () => {
    const [application] = plan(SAMPLES.endocrine).applications;
    expect(application?.result.axes).toEqual({
      gonadal: 'abnormal',
      prolactin: 'abnormal',
      thyroid: 'abnormal',
      adrenal: 'normal',
      parathyroid: 'normal',
      glucose: 'abnormal',
    });
    expect(application?.result.values).toHaveLength(11);
    expect(findings('endocrine_panel', application?.result as ResultInput)).toEqual([['endocrinopathy', 'present']]);
  });

  it('07: a correction of a result this interface applied replaces it on the resulted item', () => {
    const applied = plan(SAMPLES.vegfPlasma).applications[0];
    const items = freshItems({ vegf: { status: 'reviewed', result: applied?.result ?? null, source: { kind: 'interface', interfaceId: 'iface-citylab', interfaceName: 'CITYLAB', messageId: 'm1', controlId: 'CL1', fillerOrder: 'FIL-55120^CITYLAB' } } });
    const { applications, inbox } = plan(SAMPLES.vegfCorrected, {
      items,
      earlier: [{ fillerOrder: 'FIL-55120^CITYLAB', loinc: '75628-8', subId: '', itemKey: 'vegf' }],
    });
    expect(inbox).toEqual([]);
    expect(applications).toEqual([expect.objectContaining({ itemKey: 'vegf', correction: true })]);
    expect(applications[0]?.result.values).toEqual([expect.objectContaining({ value: 410 })]);
    expect(findings('vegf', applications[0]?.result as ResultInput)).toEqual([['vegf_elevation', 'present']]);
  });

  it('a correction with no earlier result from this interface goes to the inbox', () => {
    const { applications, inbox } = plan(SAMPLES.vegfCorrected);
    expect(applications).toEqual([]);
    expect(inbox.map((e) => [e.reason, e.itemKey])).toEqual([['correction_without_original', 'vegf']]);
    expect(inbox[0]?.result?.values?.[0]?.value).toBe(410);
  });

  it('08: an unknown patient sends everything to the inbox with a prefilled proposal', () => {
    const { applications, inbox } = plan(SAMPLES.vegfPlasma, {
      items: undefined,
      patientReason: { reason: 'unknown_patient', detail: 'no registered patient has this MRN' },
    });
    expect(applications).toEqual([]);
    expect(inbox).toEqual([
      expect.objectContaining({ reason: 'unknown_patient', priority: 1, itemKey: 'vegf', result: expect.objectContaining({ specimen: 'plasma' }) }),
    ]);
  });

  it('09: a code not on the checklist is one inbox entry, unknown_code', () => {
    const { applications, inbox } = plan(SAMPLES.unknownLoinc);
    expect(applications).toEqual([]);
    expect(inbox).toEqual([expect.objectContaining({ reason: 'unknown_code', observations: [expect.objectContaining({ setId: '1' })] })]);
    expect(inbox[0]?.itemKey).toBeUndefined();
  });

  it('a mapped code and an unmapped one in one order: the first is applied, the second raised', () => {
    const mixed = reportOf(order('FIL-1', [nm(1, '777-3', 300, '10*3/uL', '150-450', 'N'), nm(2, '2465-3', 980, 'mg/dL', '700-1600', 'N')]));
    const { applications, inbox } = plan(mixed);
    expect(applications.map((a) => a.itemKey)).toEqual(['cbc']);
    expect(inbox.map((e) => e.reason)).toEqual(['unknown_code']);
  });

  it.each([
    ['P', 'status_P', 1],
    ['R', 'status_P', 1],
    ['I', 'status_P', 1],
    ['S', 'status_P', 1],
    ['X', 'lab_cancelled', 1],
    ['D', 'result_deleted', 0],
    ['W', 'wrong_patient', 0],
  ] as const)('status %s is never applied: inbox %s, priority %s', (status, reason, priority) => {
    const report = reportOf(order('FIL-55120', [nm(1, '75628-8', 480, 'pg/mL', '<96.2', 'H', { status })], { specimen: 'plasma', status }));
    const { applications, inbox } = plan(report);
    expect(applications).toEqual([]);
    expect(inbox).toEqual([expect.objectContaining({ reason, priority, itemKey: 'vegf' })]);
  });

  it('OBX-11 overrides OBR-25 for its observation', () => {
    const report = reportOf(order('FIL-2', [nm(1, '777-3', 612, '10*3/uL', '150-450', 'H', { status: 'P' }), nm(2, '718-7', 14, 'g/dL', '13.5-17.5', 'N')]));
    const { applications, inbox } = plan(report);
    expect(applications.map((a) => a.result.values?.map((v) => v.code))).toEqual([['718-7']]);
    expect(inbox.map((e) => e.reason)).toEqual(['status_P']);
  });

  it('U (a held preliminary made final) is applied like F', () => {
    const report = reportOf(order('FIL-3', [nm(1, '75628-8', 150, 'pg/mL', '<96.2', 'H')], { specimen: 'plasma', status: 'U' }));
    expect(plan(report).applications).toHaveLength(1);
  });

  it('VEGF without a specimen (v2.3 with no OBR-15, or none sent) goes to the inbox', () => {
    const report = reportOf(order('FIL-4', [nm(1, '75628-8', 480, 'pg/mL', '<96.2', 'H')]));
    expect(plan(report).inbox.map((e) => e.reason)).toEqual(['specimen_missing']);
    const blood = reportOf(order('FIL-4', [nm(1, '75628-8', 480, 'pg/mL', '<96.2', 'H')], { specimen: 'blood' }));
    expect(plan(blood).inbox.map((e) => e.reason)).toEqual(['specimen_missing']);
  });

  it('a unit that does not fit the code goes to the inbox as unit_mismatch', () => {
    const report = reportOf(order('FIL-5', [nm(9, '17861-6', 2.35, 'mmol/L', '2.15-2.55', 'N')]));
    expect(plan(report).inbox).toEqual([expect.objectContaining({ reason: 'unit_mismatch', itemKey: 'endocrine_panel' })]);
  });

  it('a numeric result that is not a number goes to the inbox', () => {
    const report = reportOf(order('FIL-6', [{ ...nm(1, '75628-8', 0, 'pg/mL', '', ''), valueType: 'SN', value: { kind: 'unreadable', text: '<^5' } }], { specimen: 'plasma' }));
    expect(plan(report).inbox.map((e) => e.reason)).toEqual(['value_not_numeric']);
  });

  it('converts non-UCUM spellings and other units to the stored unit, with the range', () => {
    const report = reportOf(order('FIL-7', [nm(1, '777-3', 612, 'K/uL', '150-450', '', { unitIsUcum: false }), nm(2, '718-7', 184, 'g/L', '135-175', '')]));
    const values = plan(report).applications[0]?.result.values;
    expect(values).toEqual([
      { code: '777-3', name: 'Platelets', value: 612, unit: '10*9/L', low: 150, high: 450 },
      { code: '718-7', name: 'Hemoglobin', value: 18.4, unit: 'g/dL', low: 13.5, high: 17.5 },
    ]);
  });

  it('maps a local code only through the interface\'s own table', () => {
    const local = reportOf(order('FIL-8', [{ ...nm(1, 'X', 612, '10*3/uL', '150-450', 'H'), codes: [{ code: 'PLT', system: '99CLAB' }] }]));
    expect(plan(local).inbox.map((e) => e.reason)).toEqual(['unknown_code']);
    expect(plan(local, { mapping: { localCodes: { '99CLAB|PLT': '777-3' } } }).applications.map((a) => a.itemKey)).toEqual(['cbc']);
  });

  it('uses the alternate triplet when it is the LOINC one', () => {
    const alternate = reportOf(order('FIL-9', [{ ...nm(1, 'X', 612, '10*3/uL', '150-450', 'H'), codes: [{ code: 'PLT', system: '99CLAB' }, { code: '777-3', system: 'LN' }] }]));
    expect(plan(alternate).applications.map((a) => a.itemKey)).toEqual(['cbc']);
  });

  describe('an item that already has a result', () => {
    const cbcDone = (source: ItemState['source']) =>
      freshItems({ cbc: { status: 'resulted', result: { values: [{ code: '777-3', name: 'Platelets', value: 300, unit: '10*9/L' }] }, source } });

    it('from another filler order (or typed): already_resulted', () => {
      expect(plan(SAMPLES.cbc, { items: cbcDone({ kind: 'typed' }) }).inbox.map((e) => e.reason)).toEqual(['already_resulted']);
      const other = { kind: 'interface', interfaceId: 'iface-citylab', interfaceName: 'CITYLAB', messageId: 'm', controlId: 'c', fillerOrder: 'FIL-1^CITYLAB' } as const;
      expect(plan(SAMPLES.cbc, { items: cbcDone(other) }).inbox.map((e) => e.reason)).toEqual(['already_resulted']);
    });

    it('from the same filler order: applied again', () => {
      const same = { kind: 'interface', interfaceId: 'iface-citylab', interfaceName: 'CITYLAB', messageId: 'm', controlId: 'c', fillerOrder: 'FIL-55123^CITYLAB' } as const;
      expect(plan(SAMPLES.cbc, { items: cbcDone(same) }).applications.map((a) => a.itemKey)).toEqual(['cbc']);
    });

    it('endocrine panels merge later values by LOINC and recompute the axes', () => {
      const first = plan(reportOf(order('FIL-10', [nm(1, '3016-3', 6.8, 'm[IU]/L', '0.27-4.20', 'H')]))).applications[0];
      expect(first?.result.axes).toMatchObject({ thyroid: 'abnormal', gonadal: 'not_tested' });
      const items = freshItems({ endocrine_panel: { status: 'resulted', result: first?.result ?? null, source: { kind: 'typed' } } });
      const later = plan(reportOf(order('FIL-11', [nm(1, '2986-8', 180, 'ng/dL', '264-916', 'L')])), { items }).applications[0];
      expect(later?.merged).toBe(true);
      expect(later?.result.values?.map((v) => v.code)).toEqual(['3016-3', '2986-8']);
      expect(later?.result.axes).toMatchObject({ thyroid: 'abnormal', gonadal: 'abnormal', adrenal: 'not_tested' });
      // A value already recorded would change: that needs a correction.
      const changed = plan(reportOf(order('FIL-12', [nm(1, '3016-3', 2.0, 'm[IU]/L', '0.27-4.20', 'N')])), { items });
      expect(changed.inbox.map((e) => e.reason)).toEqual(['already_resulted']);
    });
  });

  it('an item that takes no result (cancelled, inactive) goes to the inbox', () => {
    const items = freshItems({ vegf: { status: 'cancelled' } });
    expect(plan(SAMPLES.vegfPlasma, { items }).inbox.map((e) => e.reason)).toEqual(['item_closed']);
  });

  it('every observation ends in exactly one place', () => {
    const report = reportOf(
      order('FIL-20', [nm(1, '777-3', 300, '10*3/uL', '150-450', 'N'), nm(2, '2465-3', 980, 'mg/dL', '', ''), nm(3, '17861-6', 2.3, 'mmol/L', '', '')]),
      order('FIL-21', [nm(1, '75628-8', 480, 'pg/mL', '<96.2', 'H', { status: 'P' })], { specimen: 'plasma' }),
    );
    const { applications, inbox } = plan(report);
    const placed = [...applications.flatMap((a) => a.observations), ...inbox.flatMap((e) => e.observations)];
    expect(placed).toHaveLength(4);
  });
});

describe('endocrine axes from values', () => {
  it('leaves an axis not tested when its value cannot be interpreted (no range, no flag)', () => {
    expect(axesOfValues([{ code: '2842-3', name: 'Prolactin', value: 12, unit: 'ng/mL' }]).prolactin).toBe('not_tested');
    expect(axesOfValues([{ code: '2842-3', name: 'Prolactin', value: 12, unit: 'ng/mL', high: 15.2 }]).prolactin).toBe('normal');
    expect(axesOfValues([]).gonadal).toBe('not_tested');
  });
});
