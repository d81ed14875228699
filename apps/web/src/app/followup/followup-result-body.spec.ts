import {
  followupResultBody,
  type ResultFormValue,
} from './followup-result-body';

const EMPTY: ResultFormValue = {
  performedOn: '2026-03-01',
  value: '',
  uln: '',
  specimen: 'plasma',
  onlsArm: '',
  onlsLeg: '',
  mrs: '',
  heavyChain: '',
  lightChain: '',
  kappa: '',
  lambda: '',
  avidLesionCount: '',
  newLesion: '',
  impression: '',
  creatinine: '',
  albumin: '',
  report: '',
};

describe('followupResultBody', () => {
  it('sums the ONLS from its arm and leg grades and keeps the mRS', () => {
    expect(
      followupResultBody('neuro_exam', {
        ...EMPTY,
        onlsArm: '1',
        onlsLeg: '3',
        mrs: '2',
      }),
    ).toEqual({
      performedOn: '2026-03-01',
      onlsArm: 1,
      onlsLeg: 3,
      onls: 4,
      mrs: 2,
    });
  });

  it('records a PET read with its reader fields on the FDG-PET modality', () => {
    expect(
      followupResultBody('bone_imaging', {
        ...EMPTY,
        avidLesionCount: '1',
        newLesion: 'yes',
        impression: 'worse',
        report: 'New rib lesion.',
      }),
    ).toEqual({
      performedOn: '2026-03-01',
      report: 'New rib lesion.',
      modality: 'pet_ct',
      avidLesionCount: 1,
      newLesion: true,
      impression: 'worse',
    });
  });

  it('codes the M-spike and the free light chains, leaving out what was not typed', () => {
    expect(followupResultBody('spep', { ...EMPTY, value: '0.4' })).toEqual({
      performedOn: '2026-03-01',
      values: [{ code: '33358-3', name: 'M-spike', value: 0.4, unit: 'g/dL' }],
    });
    expect(followupResultBody('serum_flc', { ...EMPTY, lambda: '80' })).toEqual(
      {
        performedOn: '2026-03-01',
        values: [
          {
            code: '33944-0',
            name: 'Lambda free light chains',
            value: 80,
            unit: 'mg/L',
          },
        ],
      },
    );
  });

  it('records only the report for items without fields of their own', () => {
    expect(
      followupResultBody('physical_exam', { ...EMPTY, report: 'No edema.' }),
    ).toEqual({ performedOn: '2026-03-01', report: 'No edema.' });
  });
});
