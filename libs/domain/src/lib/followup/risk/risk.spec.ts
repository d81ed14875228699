import { POEMS_FOLLOWUP_V1 } from '../protocol/poems-followup.v1';
import { bodyCt, chemistry, echo } from '../../../testing/followup.fixtures';
import {
  evaluateRisk,
  riskObservationsFromResults,
  riskWindow,
  validateRiskObservations,
} from './risk';
import type { RiskInputs, RiskObservation } from './risk.types';

const inputs = (
  observations: RiskObservation[],
  fields: Partial<RiskInputs> = {},
): RiskInputs => ({
  birthDate: '1960-01-01',
  diagnosisDate: '2025-03-01',
  observations,
  ...fields,
});
const risk = (
  observations: RiskObservation[],
  fields: Partial<RiskInputs> = {},
) => evaluateRisk(POEMS_FOLLOWUP_V1, inputs(observations, fields));
const stateOf = (
  observations: RiskObservation[],
  key: string,
  fields: Partial<RiskInputs> = {},
) => risk(observations, fields).factors.find((f) => f.key === key)?.state;

describe('risk input window', () => {
  it('runs from diagnosis − 90 days to diagnosis + 60 days without a line', () => {
    expect(riskWindow(POEMS_FOLLOWUP_V1, inputs([]))).toEqual({
      from: '2024-12-01',
      to: '2025-04-30',
    });
  });

  it('runs to the later of diagnosis and the first line’s start once a line exists', () => {
    expect(
      riskWindow(
        POEMS_FOLLOWUP_V1,
        inputs([], { firstLineStartDate: '2025-06-01' }),
      ),
    ).toEqual({ from: '2024-12-01', to: '2025-06-01' });
    expect(
      riskWindow(
        POEMS_FOLLOWUP_V1,
        inputs([], { firstLineStartDate: '2025-02-01' }),
      ),
    ).toEqual({ from: '2024-12-01', to: '2025-03-01' });
  });

  it('reads the latest value inside the window, both ends inclusive, and nothing outside', () => {
    expect(
      stateOf(
        [{ kind: 'pasp', date: '2024-11-30', mmHg: 60 }],
        'pulmonary_hypertension',
      ),
    ).toBe('unknown');
    expect(
      stateOf(
        [{ kind: 'pasp', date: '2024-12-01', mmHg: 60 }],
        'pulmonary_hypertension',
      ),
    ).toBe('present');
    expect(
      stateOf(
        [{ kind: 'pasp', date: '2025-04-30', mmHg: 60 }],
        'pulmonary_hypertension',
      ),
    ).toBe('present');
    expect(
      stateOf(
        [{ kind: 'pasp', date: '2025-05-01', mmHg: 60 }],
        'pulmonary_hypertension',
      ),
    ).toBe('unknown');
    expect(
      stateOf(
        [
          { kind: 'pasp', date: '2025-01-10', mmHg: 60 },
          { kind: 'pasp', date: '2025-02-10', mmHg: 30 },
        ],
        'pulmonary_hypertension',
      ),
    ).toBe('absent');
  });
});

describe('risk factors', () => {
  it('age: completed years > 50; unknown without a birth date', () => {
    expect(stateOf([], 'age_gt_50', { birthDate: '1974-03-01' })).toBe(
      'present',
    );
    expect(stateOf([], 'age_gt_50', { birthDate: '1974-03-02' })).toBe(
      'absent',
    );
    expect(stateOf([], 'age_gt_50', { birthDate: null })).toBe('unknown');
  });

  it('pulmonary hypertension at PASP ≥ 50 mmHg; eGFR counts strictly below 30', () => {
    expect(
      stateOf(
        [{ kind: 'pasp', date: '2025-02-01', mmHg: 49.9 }],
        'pulmonary_hypertension',
      ),
    ).toBe('absent');
    expect(
      stateOf(
        [{ kind: 'egfr', date: '2025-02-01', value: 29.9, method: 'mdrd' }],
        'egfr_lt_30',
      ),
    ).toBe('present');
    expect(
      stateOf(
        [{ kind: 'egfr', date: '2025-02-01', value: 30, method: 'mdrd' }],
        'egfr_lt_30',
      ),
    ).toBe('absent');
  });

  it('an effusion on any imaging in the window counts, even when a later read does not show it', () => {
    const observations: RiskObservation[] = [
      { kind: 'pleural_effusion', date: '2025-01-10', present: true },
      { kind: 'pleural_effusion', date: '2025-02-10', present: false },
    ];
    expect(stateOf(observations, 'pleural_effusion')).toBe('present');
    expect(stateOf([observations[1]], 'pleural_effusion')).toBe('absent');
  });

  it('flags an eGFR without its method, and low albumin below 3.2 g/dL', () => {
    expect(
      risk([{ kind: 'egfr', date: '2025-02-01', value: 70 }]).flags,
    ).toEqual(['egfr_method_unknown']);
    expect(
      risk([
        { kind: 'egfr', date: '2025-02-01', value: 70, method: 'ckd_epi_2021' },
      ]).flags,
    ).toEqual([]);
    expect(
      risk([{ kind: 'albumin', date: '2025-02-01', gPerDl: 3.2 }]).lowAlbumin
        .state,
    ).toBe('absent');
    expect(
      risk([{ kind: 'albumin', date: '2025-02-01', gPerDl: 3.19 }]).flags,
    ).toEqual(['low_albumin']);
    expect(risk([]).lowAlbumin.state).toBe('unknown');
  });

  it('each factor names its rules: the completed-years and any-imaging readings are tracker defaults', () => {
    const r = risk([]);
    expect(
      Object.fromEntries(r.factors.map((f) => [f.key, f.trackerDefaults])),
    ).toEqual({
      age_gt_50: ['age_completed_years'],
      pulmonary_hypertension: ['risk_input_window'],
      pleural_effusion: ['risk_input_window', 'pleural_effusion_any_imaging'],
      egfr_lt_30: ['risk_input_window'],
    });
    expect(r.lowAlbumin.rules).toEqual(['risk_input_window', 'low_albumin']);
  });

  it('low albumin is never counted', () => {
    const without = risk([]);
    const withLow = risk([
      { kind: 'albumin', date: '2025-02-01', gPerDl: 2.5 },
    ]);
    expect([withLow.min, withLow.max, withLow.group]).toEqual([
      without.min,
      without.max,
      without.group,
    ]);
  });

  it('groups 0 low, 1 intermediate, ≥ 2 high, and indeterminate when unknowns could cross a group', () => {
    const known = (
      pasp: number,
      effusion: boolean,
      egfr: number,
    ): RiskObservation[] => [
      { kind: 'pasp', date: '2025-02-01', mmHg: pasp },
      { kind: 'pleural_effusion', date: '2025-02-01', present: effusion },
      { kind: 'egfr', date: '2025-02-01', value: egfr, method: 'ckd_epi_2021' },
    ];
    expect(risk(known(30, false, 80), { birthDate: '1990-01-01' }).group).toBe(
      'low',
    );
    expect(risk(known(30, false, 80)).group).toBe('intermediate');
    expect(risk(known(55, false, 20)).group).toBe('high');
    expect(risk(known(55, true, 20))).toMatchObject({
      group: 'high',
      min: 4,
      max: 4,
    });
    expect(risk([], { birthDate: '1990-01-01' })).toMatchObject({
      group: 'indeterminate',
      min: 0,
      max: 3,
    });
  });
});

describe('risk observations', () => {
  it('are read from echocardiograms, imaging and chemistry', () => {
    const observations = riskObservationsFromResults([
      {
        id: 'e',
        itemKey: 'echocardiogram',
        date: '2025-02-01',
        result: echo(42),
      },
      {
        id: 'b',
        itemKey: 'body_imaging',
        date: '2025-02-02',
        result: bodyCt('ascites'),
      },
      {
        id: 's',
        itemKey: 'bone_imaging',
        date: '2025-02-03',
        result: { modality: 'skeletal_survey', signs: [] },
      },
      {
        id: 'c',
        itemKey: 'chemistry_panel',
        date: '2025-02-04',
        result: chemistry({ egfr: 28, albuminGPerDl: 3.1 }),
      },
      {
        id: 'v',
        itemKey: 'vegf',
        date: '2025-02-05',
        result: { specimen: 'plasma' },
      },
      {
        id: 'x',
        itemKey: 'echocardiogram',
        date: '2025-02-06',
        result: { signs: ['pericardial_effusion'] },
      },
    ]);
    expect(observations).toEqual([
      { kind: 'pasp', date: '2025-02-01', mmHg: 42, resultId: 'e' },
      {
        kind: 'pleural_effusion',
        date: '2025-02-02',
        present: false,
        resultId: 'b',
      },
      {
        kind: 'egfr',
        date: '2025-02-04',
        value: 28,
        method: null,
        resultId: 'c',
      },
      { kind: 'albumin', date: '2025-02-04', gPerDl: 3.1, resultId: 'c' },
    ]);
  });

  it('are validated when recorded directly', () => {
    expect(
      validateRiskObservations([
        { kind: 'pasp', date: '2025-02-01', mmHg: 42 },
        { kind: 'pasp', date: '2025-02-31', mmHg: -1 },
        {
          kind: 'pleural_effusion',
          date: '2025-02-01',
          present: 'yes' as never,
        },
        {
          kind: 'egfr',
          date: '2025-02-01',
          value: 30,
          method: 'cockcroft' as never,
        },
        { kind: 'albumin', date: '2025-02-01', gPerDl: Number.NaN },
        { kind: 'weight', date: '2025-02-01' } as never,
      ]).map((e) => e.field),
    ).toEqual([
      'observations[1].date',
      'observations[1].mmHg',
      'observations[2].present',
      'observations[3].method',
      'observations[4].gPerDl',
      'observations[5].kind',
    ]);
  });
});
