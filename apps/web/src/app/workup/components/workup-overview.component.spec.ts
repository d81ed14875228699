import { TestBed } from '@angular/core/testing';
import { POEMS_DISPENZIERI_V1, type Role } from '@poems/domain';
import { type SignOffView, type WorkupView } from '@poems/contract';
import {
  CLASSIC_LAMBDA_RESULTS,
  aWorkupView,
} from '../../../testing/workup-fixtures';
import { setClinicZone } from '../../core/clock/clinic-zone';
import { WorkupOverviewComponent } from './workup-overview.component';

const NO_CHANGES: SignOffView['changes'] = {
  overall: null,
  protocol: null,
  rulesVersion: null,
  criteria: [],
  results: [],
};

function aSignOff(overrides: Partial<SignOffView> = {}): SignOffView {
  return {
    id: 's-1',
    signedAt: '2031-04-06T15:30:00.000Z',
    signedBy: { id: 'u-1', displayName: 'Dr Heme' },
    note: null,
    attested: {
      overall: 'criteria_met',
      protocol: { key: 'poems-dispenzieri', version: 1 },
      rulesVersion: 2,
      criteria: [],
      findings: [],
      results: [],
    },
    outdated: false,
    outdatedSince: null,
    changes: NO_CHANGES,
    changeSummary: [],
    ...overrides,
  };
}

describe('WorkupOverviewComponent: sign-off', () => {
  // The clinic is in New York; the test machine's zone must not matter.
  beforeEach(() => setClinicZone('America/New_York'));
  afterEach(() => setClinicZone('UTC'));

  async function render(
    workup: WorkupView,
    role: Role = 'hematologist',
  ): Promise<{ root: HTMLElement; signOffs: number[] }> {
    TestBed.configureTestingModule({ imports: [WorkupOverviewComponent] });
    const fixture = TestBed.createComponent(WorkupOverviewComponent);
    fixture.componentRef.setInput('workup', workup);
    fixture.componentRef.setInput('protocol', POEMS_DISPENZIERI_V1);
    fixture.componentRef.setInput('role', role);
    const signOffs: number[] = [];
    fixture.componentInstance.signOffWorkup.subscribe(() => signOffs.push(1));
    await fixture.whenStable();
    return { root: fixture.nativeElement as HTMLElement, signOffs };
  }

  const text = (el: Element | null | undefined): string =>
    el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const signOffButton = (root: HTMLElement) =>
    Array.from(root.querySelectorAll('button')).find(
      (b) => text(b) === 'Sign off',
    );

  it('offers hematologists to sign off a workup never signed off, and says it is pending', async () => {
    const { root, signOffs } = await render(
      aWorkupView({ results: CLASSIC_LAMBDA_RESULTS }),
    );
    expect(text(root.querySelector('.banner'))).toMatch(
      /pending the hematologist's sign-off\.$/,
    );
    signOffButton(root)?.click();
    expect(signOffs).toHaveLength(1);
  });

  it('never offers it to coordinators or auditors', async () => {
    for (const role of ['coordinator', 'auditor'] as const) {
      TestBed.resetTestingModule();
      const { root } = await render(aWorkupView(), role);
      expect(signOffButton(root)).toBeUndefined();
    }
  });

  it('shows who signed off and when on the clinic clock, and offers no second sign-off', async () => {
    const { root } = await render(
      aWorkupView({
        results: CLASSIC_LAMBDA_RESULTS,
        signOff: aSignOff({ note: 'Agree' }),
      }),
    );
    const banner = text(root.querySelector('.banner'));
    expect(banner).toContain('Signed off by Dr Heme 6 Apr 2031');
    expect(banner).toContain('11:30');
    expect(banner).not.toContain('pending');
    expect(text(root.querySelector('.overview__note'))).toBe(
      'Sign-off note: Agree',
    );
    expect(signOffButton(root)).toBeUndefined();
  });

  it('an outdated sign-off says since when and what changed, and can be signed off again', async () => {
    const { root } = await render(
      aWorkupView({
        signOff: aSignOff({
          outdated: true,
          outdatedSince: '2031-04-08T18:00:00.000Z',
          changes: {
            ...NO_CHANGES,
            overall: { from: 'criteria_met', to: 'criteria_not_met' },
          },
          changeSummary: [
            'Overall: criteria met → criteria not met',
            'VEGF elevation: met → not met; VEGF present → absent',
          ],
        }),
      }),
    );
    const banner = text(root.querySelector('.banner'));
    expect(banner).toContain('signed off by Dr Heme 6 Apr 2031');
    expect(banner).toMatch(/outdated since 8 Apr 2031,? 14:00/);
    expect(
      Array.from(root.querySelectorAll('.overview__changes li')).map(text),
    ).toEqual([
      'Overall: criteria met → criteria not met',
      'VEGF elevation: met → not met; VEGF present → absent',
    ]);
    expect(signOffButton(root)).toBeDefined();
  });
});
