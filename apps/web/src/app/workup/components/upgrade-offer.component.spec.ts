import { TestBed } from '@angular/core/testing';
import type { Role } from '@poems/domain';
import type { WorkupView } from '@poems/contract';
import { aWorkupView } from '../../../testing/workup-fixtures';
import type { UpgradeOffer } from '../util/upgrade-offer';
import { UpgradeOfferComponent } from './upgrade-offer.component';

describe('UpgradeOfferComponent', () => {
  async function render(
    workup: WorkupView,
    role: Role = 'hematologist',
  ): Promise<{ root: HTMLElement; chosen: UpgradeOffer[] }> {
    TestBed.configureTestingModule({ imports: [UpgradeOfferComponent] });
    const fixture = TestBed.createComponent(UpgradeOfferComponent);
    fixture.componentRef.setInput('workup', workup);
    fixture.componentRef.setInput('role', role);
    const chosen: UpgradeOffer[] = [];
    fixture.componentInstance.upgrade.subscribe((o) => chosen.push(o));
    await fixture.whenStable();
    return { root: fixture.nativeElement as HTMLElement, chosen };
  }

  const text = (el: Element | null | undefined): string =>
    el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const upgradeButton = (root: HTMLElement) =>
    Array.from(root.querySelectorAll('button')).find((b) =>
      text(b).startsWith('Upgrade'),
    );

  it('on an open v1 workup says what version 2 adds and keeps, and a hematologist can upgrade', async () => {
    const workup = aWorkupView();
    const { root, chosen } = await render(workup);

    const offer = text(root.querySelector('section'));
    expect(offer).toContain('Protocol version 2 is available');
    expect(offer).toContain('This workup follows version 1');
    expect(offer).toContain(
      'Biopsy of a bone lesion or plasmacytoma (CD138, κ/λ) (conditional: inactive until a hematologist activates it)',
    );
    expect(offer).toContain(
      `All ${workup.items.length} current items are kept with their status, results and history`,
    );
    upgradeButton(root)?.click();
    expect(chosen).toEqual([
      expect.objectContaining({
        from: 1,
        to: 2,
        kept: workup.items.length,
        added: [
          expect.objectContaining({ key: 'lesion_biopsy', active: false }),
        ],
      }),
    ]);
  });

  it('shows coordinators what would change but offers them no upgrade', async () => {
    const { root } = await render(aWorkupView(), 'coordinator');
    expect(text(root.querySelector('section'))).toContain(
      'Protocol version 2 is available',
    );
    expect(upgradeButton(root)).toBeUndefined();
  });

  it('offers nothing on a closed workup or one already on the newest version', async () => {
    const closed = await render({ ...aWorkupView(), status: 'closed' });
    expect(closed.root.querySelector('section')).toBeNull();
    TestBed.resetTestingModule();
    const newest = await render({
      ...aWorkupView(),
      protocol: { key: 'poems-dispenzieri', version: 2 },
    });
    expect(newest.root.querySelector('section')).toBeNull();
  });
});
