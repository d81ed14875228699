import { TestBed } from '@angular/core/testing';
import type { AuditVerifyView } from '@poems/contract';
import { setClinicZone } from '../../core/clock/clinic-zone';
import type { LoadState } from '../../core/data/load-state';
import {
  ChainStatusComponent,
  type Verification,
  chainStatusOf,
} from './chain-status.component';

const AT = new Date('2030-01-15T14:30:05Z');

describe('chain status', () => {
  beforeEach(() => setClinicZone('America/New_York'));
  afterEach(() => setClinicZone('UTC'));

  function render(state: LoadState<Verification>): HTMLElement {
    const fixture = TestBed.createComponent(ChainStatusComponent);
    fixture.componentRef.setInput('state', state);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }
  const verified = (view: AuditVerifyView): LoadState<Verification> => ({
    loading: false,
    value: { view, at: AT },
    error: null,
  });
  const text = (el: Element | null): string =>
    el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  it('labels a valid chain and says how much it covers', () => {
    const root = render(verified({ valid: true, checked: 1204, unsealed: 0 }));

    expect(text(root.querySelector('[data-chain-status]'))).toBe('Chain valid');
    expect(
      Array.from(root.querySelectorAll('[role="status"] p')).map(text),
    ).toEqual([
      '1204 sealed events verified: none was changed, removed or inserted.',
      'Every recorded event is sealed.',
      'Verified at 09:30:05 EST.',
    ]);
  });

  it('names the first event that breaks the chain', () => {
    const root = render(
      verified({
        valid: false,
        checked: 16,
        firstBrokenId: '17',
        unsealed: 2,
      }),
    );

    expect(text(root.querySelector('[data-chain-status]'))).toBe(
      'Chain broken at event 17',
    );
    expect(root.querySelector('.chip--danger')).not.toBeNull();
    expect(text(root.querySelector('[role="status"]'))).toContain(
      'Event 17 does not match the chain; the 16 events before it verified.',
    );
  });

  it('counts the events not yet sealed, which the check does not cover', () => {
    expect(
      chainStatusOf({ valid: true, checked: 3, unsealed: 1 }).lines,
    ).toContain(
      '1 event recorded but not yet sealed, so not covered by this check.',
    );
    expect(
      chainStatusOf({
        valid: true,
        checked: 3,
        unsealed: 5,
        retiredBefore: 901,
      }).lines,
    ).toEqual([
      '3 sealed events verified: none was changed, removed or inserted.',
      '5 events recorded but not yet sealed, so not covered by this check.',
      'Events before chain position 901 were retired under the retention policy; the chain is checked from there.',
    ]);
  });

  it('shows that it is verifying, and that it could not verify', () => {
    const loading = render({ loading: true, value: undefined, error: null });
    expect(text(loading.querySelector('[data-chain-status]'))).toBe(
      'Verifying…',
    );
    expect(loading.querySelector('button')?.getAttribute('aria-disabled')).toBe(
      'true',
    );

    const failed = render({
      loading: false,
      value: undefined,
      error: {
        kind: 'unavailable',
        title: 'The server is unavailable',
        detail: null,
        reloadable: false,
      },
    });
    expect(text(failed.querySelector('[data-chain-status]'))).toBe(
      'Not verified',
    );
    expect(text(failed.querySelector('[role="alert"]'))).toContain(
      'The server is unavailable',
    );
  });

  it('asks to verify again when “Verify now” is pressed', () => {
    const fixture = TestBed.createComponent(ChainStatusComponent);
    fixture.componentRef.setInput(
      'state',
      verified({ valid: true, checked: 1, unsealed: 0 }),
    );
    let asked = 0;
    fixture.componentInstance.verify.subscribe(() => asked++);
    fixture.detectChanges();

    (fixture.nativeElement as HTMLElement).querySelector('button')?.click();

    expect(asked).toBe(1);
  });
});
