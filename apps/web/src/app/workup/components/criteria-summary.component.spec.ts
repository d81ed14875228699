import { TestBed } from '@angular/core/testing';
import { POEMS_DISPENZIERI_V1, flagText } from '@poems/domain';
import { type WorkupView } from '@poems/contract';
import {
  CLASSIC_LAMBDA_RESULTS,
  aWorkupView,
} from '../../../testing/workup-fixtures';
import { CriteriaSummaryComponent } from './criteria-summary.component';

describe('CriteriaSummaryComponent', () => {
  async function render(workup: WorkupView): Promise<HTMLElement> {
    TestBed.configureTestingModule({ imports: [CriteriaSummaryComponent] });
    const fixture = TestBed.createComponent(CriteriaSummaryComponent);
    fixture.componentRef.setInput('workup', workup);
    fixture.componentRef.setInput('protocol', POEMS_DISPENZIERI_V1);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const text = (el: Element | null | undefined): string =>
    el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  /** A criterion's card: name, status, explanation and evidence lines. */
  const criterion = (root: HTMLElement, key: string): string[] =>
    Array.from(
      root.querySelectorAll(
        `[data-criterion="${key}"] :is(.criterion__name, pw-status-chip, p)`,
      ),
    ).map(text);

  it('states the overall result and the plain-language explanation of the evaluation', async () => {
    const workup = aWorkupView({ results: CLASSIC_LAMBDA_RESULTS });
    const root = await render(workup);

    expect(text(root.querySelector('.overall pw-status-chip'))).toBe(
      'Criteria met',
    );
    expect(text(root.querySelector('.explanation'))).toBe(
      workup.evaluation.explanation,
    );
    expect(text(root.querySelector('.explanation'))).toMatch(
      /^Criteria met\. Both mandatory criteria met;/,
    );
  });

  it('gives each criterion its status, explanation and evidence', async () => {
    const root = await render(aWorkupView({ results: CLASSIC_LAMBDA_RESULTS }));

    expect(criterion(root, 'vegf_elevation')).toEqual([
      'VEGF elevation',
      'Met',
      'Met by VEGF: plasma VEGF 850 pg/mL ≥ 200 pg/mL.',
      'Evidence: VEGF',
    ]);
    expect(criterion(root, 'papilledema')).toEqual([
      'Papilledema',
      'Pending',
      'Pending: fundoscopy.',
    ]);
    expect(criterion(root, 'castleman_disease')).toEqual([
      'Castleman disease',
      'Pending',
      'Pending: body imaging (lymphadenopathy may yet call for lymph node biopsy).',
    ]);
  });

  it('lists the next tests while the result is incomplete', async () => {
    const root = await render(
      aWorkupView({ results: { vegf: CLASSIC_LAMBDA_RESULTS['vegf'] ?? {} } }),
    );

    const next = text(root.querySelector('[aria-labelledby="next-title"]'));
    expect(next).toContain(
      'Polyradiculoneuropathy: Complete nerve conduction studies / EMG: a present finding would meet polyradiculoneuropathy.',
    );
    // In the protocol's priority order: immunofixation and marrow before NCS/EMG.
    expect(
      next.indexOf('Monoclonal plasma cell-proliferative disorder:'),
    ).toBeLessThan(next.indexOf('Polyradiculoneuropathy:'));
    expect(text(root.querySelector('.overall'))).toContain('Incomplete');
  });

  it('shows an unjudgeable serum VEGF as indeterminate, with "repeat as plasma VEGF" as the next test', async () => {
    const root = await render(
      aWorkupView({
        results: {
          ...CLASSIC_LAMBDA_RESULTS,
          vegf: {
            specimen: 'serum',
            values: [{ name: 'VEGF', value: 2400, unit: 'pg/mL' }],
          },
          bone_imaging: { lesions: 'none' },
          body_imaging: { signs: [] },
        },
      }),
    );

    expect(text(root.querySelector('.overall pw-status-chip'))).toBe(
      'Indeterminate',
    );
    const next = root.querySelectorAll('[aria-labelledby="next-title"] li');
    expect(next[0]?.getAttribute('data-action')).toBe('repeat');
    expect(text(next[0] as HTMLElement)).toMatch(
      /^VEGF elevation: Repeat as plasma VEGF: serum VEGF cannot be judged/,
    );
  });

  it('shows the review flags in the domain’s words', async () => {
    const root = await render(
      aWorkupView({
        results: {
          ...CLASSIC_LAMBDA_RESULTS,
          serum_ife: { heavyChain: 'IgG', lightChain: 'kappa' },
        },
      }),
    );

    expect(text(root.querySelector('.flags'))).toContain(
      flagText('kappa_clone_review'),
    );
  });

  it('shows other signs as shown, never counted', async () => {
    const root = await render(
      aWorkupView({
        results: {
          ...CLASSIC_LAMBDA_RESULTS,
          physical_exam: { signs: ['hyperpigmentation', 'clubbing'] },
        },
      }),
    );

    const signs = root.querySelector('[aria-labelledby="signs-title"]');
    expect(text(signs?.querySelector('h3'))).toBe(
      'Other signs (shown, never counted)',
    );
    expect(Array.from(signs?.querySelectorAll('li') ?? []).map(text)).toEqual([
      'Clubbing — Physical examination',
    ]);
  });
});
