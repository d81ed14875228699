import { DomainError } from '../errors';
import {
  aLine,
  assessedAt,
  FollowupStory,
  lineOf,
  timePointOf,
  vegf,
} from '../../testing/followup.fixtures';
import { evaluateFollowup } from './evaluate-followup';

const ldex = aLine({
  regimenClass: 'lenalidomide_dexamethasone',
  startDate: '2025-01-15',
});

describe('evaluateFollowup', () => {
  it('records the protocol version and parameters it used', () => {
    const evaluation =
      FollowupStory.diagnosed('2024-12-20').evaluate('2025-01-01');
    expect(evaluation).toMatchObject({
      protocol: { key: 'poems-followup', version: 1 },
      parameters: {
        limited_max_lesions: 3,
        vegf_serum_normalisation_cutoff: 'lab_uln',
      },
      asOf: '2025-01-01',
      diagnosisDate: '2024-12-20',
      lines: [],
      flags: [],
    });
  });

  it('refuses an unknown protocol version', () => {
    expect(() =>
      evaluateFollowup(
        9,
        { diagnosisDate: '2025-01-01' },
        [],
        [],
        '2025-01-01',
      ),
    ).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('refuses malformed input with one field error per problem', () => {
    const call = () =>
      evaluateFollowup(
        1,
        { diagnosisDate: '2025-13-01', birthDate: 'yesterday' },
        [ldex, { ...ldex, id: 'x', lineNumber: 3 }],
        [
          { id: 'a', itemKey: 'vegf', date: '2025-02-30', result: vegf(100) },
          { id: 'a', itemKey: 'vegf', date: '2025-02-01', result: vegf(100) },
        ],
        'today',
      );
    expect(call).toThrow(DomainError);
    try {
      call();
    } catch (e) {
      expect((e as DomainError).fieldErrors?.map((f) => f.field)).toEqual([
        'asOf',
        'patient.diagnosisDate',
        'patient.birthDate',
        'lines[1].lineNumber',
        'results[0].date',
        'results[1].id',
      ]);
    }
  });

  it('ignores results dated after the evaluation day', () => {
    const story = FollowupStory.diagnosed('2024-12-20')
      .line(ldex)
      .result('vegf', '2025-01-05', vegf(600))
      .result('vegf', '2025-04-15', vegf(300));
    expect(
      timePointOf(lineOf(story.evaluate('2025-04-14')), 'M3').domains[0].status,
    ).toBe('pending');
    expect(
      assessedAt(lineOf(story.evaluate('2025-04-15')), 'M3', 'vegf').category,
    ).toBe('PR');
  });

  it('a line with no anchor yet has its baselines but no time points', () => {
    const line = lineOf(
      FollowupStory.diagnosed('2024-12-20')
        .line(
          aLine({ regimenClass: 'asct_melphalan', startDate: '2025-01-15' }),
        )
        .result('vegf', '2025-01-05', vegf(600))
        .result('vegf', '2025-03-01', vegf(300))
        .evaluate('2025-06-01'),
    );
    expect(line.anchor).toMatchObject({
      date: null,
      field: 'transplant_date',
      trackerDefaults: ['anchor'],
    });
    expect(line.timePoints).toEqual([]);
    expect(line.schedule.instances).toEqual([]);
    expect(line.baselines[0].status).toBe('available');
    expect(
      line.results.find((r) => r.resultId === 'vegf@2025-03-01'),
    ).toMatchObject({ placement: 'on_treatment', baseline: false });
    expect(
      line.results.find((r) => r.resultId === 'vegf@2025-01-05'),
    ).toMatchObject({ placement: 'baseline_window', baseline: true });
  });

  it('evaluates lines in their order, whatever order they come in', () => {
    const line2 = aLine({
      id: 'line-2',
      lineNumber: 2,
      intent: 'salvage',
      regimenClass: 'other',
      regimenText: 'bortezomib',
      startDate: '2025-06-01',
    });
    const evaluation = evaluateFollowup(
      1,
      { diagnosisDate: '2024-12-20' },
      [line2, ldex],
      [],
      '2025-07-01',
    );
    expect(evaluation.lines.map((l) => l.line.id)).toEqual([
      'line-1',
      'line-2',
    ]);
  });

  it('reports which staging inputs came from results, and never those the hematologist recorded', () => {
    const evaluation = FollowupStory.diagnosed('2025-03-01', {
      staging: { boneLesionCount: 2 },
    })
      .result('bone_imaging', '2025-02-01', {
        modality: 'low_dose_whole_body_ct',
        lesions: 'sclerotic',
        lesionCount: 3,
      })
      .evaluate('2025-03-01');
    expect(evaluation.staging.inputs.boneLesionCount).toBe(2);
    expect(evaluation.staging.fromResults).toEqual({
      boneImagingModality: 'bone_imaging@2025-02-01',
    });
  });

  it('reads risk inputs from results and from what was recorded directly, the first line widening the window', () => {
    const evaluation = FollowupStory.diagnosed('2025-03-01', {
      birthDate: '1950-01-01',
      riskObservations: [{ kind: 'pasp', date: '2025-05-20', mmHg: 60 }],
    })
      .line(aLine({ regimenClass: 'radiation', startDate: '2025-06-01' }))
      .evaluate('2025-06-02');
    expect(evaluation.risk.window).toEqual({
      from: '2024-12-01',
      to: '2025-06-01',
    });
    expect(
      evaluation.risk.factors.find((f) => f.key === 'pulmonary_hypertension')
        ?.state,
    ).toBe('present');
  });
});
