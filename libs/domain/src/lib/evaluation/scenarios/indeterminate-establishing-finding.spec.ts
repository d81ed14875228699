import { criterionOf, CLINIC_NOW } from '../../../testing/evaluation.helpers';
import {
  aClassicLambdaWorkup,
  noMonoclonalProtein,
  plasmaVegf,
  serumVegf,
  signs,
} from '../../../testing/results.fixtures';

/**
 * Only a serum VEGF was available and the laboratory sent no upper limit: the value cannot be
 * judged. "Cannot tell" is not "ruled out" (domain reference §5): when only the indeterminate
 * criterion could still satisfy the rule, the workup is indeterminate, never criteria not met.
 */
describe('indeterminate establishing finding', () => {
  beforeAll(() => jest.useFakeTimers({ now: CLINIC_NOW }));
  afterAll(() => jest.useRealTimers());

  const unjudgedVegf = aClassicLambdaWorkup().result('vegf', serumVegf(2400));

  it('makes the criterion indeterminate, explaining why', () => {
    const vegf = criterionOf(unjudgedVegf.evaluate(), 'vegf_elevation');
    expect(vegf).toMatchObject({
      status: 'indeterminate',
      evidence: ['vegf'],
      openItems: [],
      assessed: true,
    });
    expect(vegf.explanation).toBe(
      "Indeterminate: VEGF could not settle it — serum VEGF without the laboratory's upper limit cannot be judged (no fixed serum cut-off).",
    );
  });

  const onlyVegfLeft = unjudgedVegf
    .result('bone_imaging', { lesions: 'none' })
    .result('body_imaging', signs());

  it('is indeterminate, not criteria not met, when only the VEGF could still give a major', () => {
    const evaluation = onlyVegfLeft.evaluate();
    expect(evaluation.overall).toBe('indeterminate');
    expect(evaluation.missing).toEqual(['major']);
    expect(evaluation.explanation).toBe(
      'Indeterminate: only a repeat or clarification of a result that could not be judged can meet the criteria. Both mandatory criteria met; major: none met — VEGF elevation indeterminate; minor: extravascular volume overload, endocrinopathy, skin changes.',
    );
  });

  it('offers "repeat as plasma VEGF" as the next test', () => {
    expect(onlyVegfLeft.evaluate().nextTests).toEqual([
      {
        criterion: 'vegf_elevation',
        action: 'repeat',
        items: ['vegf'],
        why: "Repeat as plasma VEGF: serum VEGF cannot be judged without the laboratory's upper limit; plasma VEGF ≥ 200 pg/mL meets VEGF elevation.",
      },
    ]);
  });

  it('is criteria met once the plasma VEGF is above the cut-off', () => {
    expect(
      onlyVegfLeft.result('vegf', plasmaVegf(450)).evaluate().overall,
    ).toBe('criteria_met');
  });

  it('is criteria not met once the plasma VEGF is below the cut-off', () => {
    expect(
      onlyVegfLeft.result('vegf', plasmaVegf(120)).evaluate().overall,
    ).toBe('criteria_not_met');
  });

  it('stays incomplete while another major could still be found', () => {
    expect(
      unjudgedVegf.result('bone_imaging', { lesions: 'none' }).evaluate()
        .overall,
    ).toBe('incomplete');
  });

  it('offers reopening a cancelled skeletal imaging that could change the verdict', () => {
    const evaluation = unjudgedVegf
      .close('bone_imaging', 'cancelled', 'scanner unavailable')
      .result('body_imaging', signs())
      .evaluate();
    expect(evaluation.overall).toBe('indeterminate');
    expect(
      evaluation.nextTests.map((t) => [t.action, t.criterion, t.items]),
    ).toEqual([
      ['repeat', 'vegf_elevation', ['vegf']],
      ['reopen', 'sclerotic_bone_lesions', ['bone_imaging']],
    ]);
  });

  it('does not stop another major from meeting the rule', () => {
    expect(unjudgedVegf.evaluate().overall).toBe('criteria_met');
  });

  it('makes an equivocal NCS indeterminate, with "repeat nerve conduction studies" first', () => {
    const evaluation = aClassicLambdaWorkup()
      .asserted('emg_ncs', { polyneuropathy: 'indeterminate' })
      .evaluate();
    expect(criterionOf(evaluation, 'polyneuropathy').status).toBe(
      'indeterminate',
    );
    expect(evaluation.overall).toBe('indeterminate');
    expect(evaluation.explanation).toMatch(
      /^Indeterminate: .* Mandatory: polyradiculoneuropathy indeterminate;/,
    );
    expect(evaluation.nextTests).toEqual([
      {
        criterion: 'polyneuropathy',
        action: 'repeat',
        items: ['emg_ncs'],
        why: 'Repeat nerve conduction studies: the study was equivocal, so polyradiculoneuropathy could not be judged.',
      },
    ]);
  });

  it('is criteria not met when another mandatory criterion is ruled out, whatever is indeterminate', () => {
    const evaluation = aClassicLambdaWorkup()
      .asserted('emg_ncs', { polyneuropathy: 'indeterminate' })
      .result('serum_ife', noMonoclonalProtein)
      .result('urine_ife', noMonoclonalProtein)
      .asserted('bone_marrow_biopsy', {
        monoclonal_plasma_cell_disorder: 'absent',
      })
      .evaluate();
    expect(evaluation.overall).toBe('criteria_not_met');
    expect(evaluation.nextTests).toEqual([]);
  });

  it('stays pending while another establishing item is open', () => {
    const evaluation = aClassicLambdaWorkup()
      .asserted('serum_ife', {
        monoclonal_plasma_cell_disorder: 'indeterminate',
      })
      .evaluate();
    expect(
      criterionOf(evaluation, 'monoclonal_plasma_cell_disorder'),
    ).toMatchObject({
      status: 'pending',
      evidence: ['serum_ife'],
      openItems: ['urine_ife', 'bone_marrow_biopsy'],
    });
    expect(evaluation.overall).toBe('incomplete');
  });

  it('is overruled by a present finding from another establishing item', () => {
    const evaluation = aClassicLambdaWorkup()
      .asserted('serum_ife', {
        monoclonal_plasma_cell_disorder: 'indeterminate',
      })
      .result('bone_marrow_biopsy', { lightChain: 'lambda' })
      .evaluate();
    expect(
      criterionOf(evaluation, 'monoclonal_plasma_cell_disorder'),
    ).toMatchObject({ status: 'met', evidence: ['bone_marrow_biopsy'] });
  });
});
