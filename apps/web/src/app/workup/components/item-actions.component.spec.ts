import { signal } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { ItemAction, ItemStatus } from '@poems/domain';
import { ViewportService } from '../../core/layout/viewport.service';
import { ItemActionsComponent } from './item-actions.component';

describe('ItemActionsComponent', () => {
  let fixture: ComponentFixture<ItemActionsComponent>;
  let acted: ItemAction[];
  let histories: number;

  async function render(
    compact: boolean,
    actions: readonly ItemAction[],
    status: ItemStatus = 'planned',
  ): Promise<HTMLElement> {
    TestBed.configureTestingModule({
      imports: [ItemActionsComponent],
      providers: [
        {
          provide: ViewportService,
          useValue: { compact: signal(compact), handset: signal(false) },
        },
      ],
    });
    fixture = TestBed.createComponent(ItemActionsComponent);
    fixture.componentRef.setInput('itemName', 'VEGF');
    fixture.componentRef.setInput('status', status);
    fixture.componentRef.setInput('actions', actions);
    acted = [];
    histories = 0;
    fixture.componentInstance.act.subscribe((a) => acted.push(a));
    fixture.componentInstance.showHistory.subscribe(() => histories++);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const labels = (root: ParentNode): string[] =>
    Array.from(root.querySelectorAll('button')).map(
      (b) => b.getAttribute('aria-label') ?? b.textContent?.trim() ?? '',
    );

  const menuItems = (): HTMLButtonElement[] =>
    Array.from(
      document.querySelectorAll<HTMLButtonElement>(
        '.cdk-overlay-container [mat-menu-item]',
      ),
    );

  it('shows every action as a button, then the history, on a desktop', async () => {
    const root = await render(false, ['schedule', 'order', 'cancel']);

    expect(labels(root)).toEqual([
      'Schedule: VEGF',
      'Order: VEGF',
      'Cancel: VEGF',
      'History of VEGF',
    ]);
  });

  it('keeps only the first action as a button on a phone or tablet, the rest in a menu', async () => {
    const root = await render(true, ['schedule', 'order', 'cancel']);

    expect(labels(root)).toEqual([
      'Schedule: VEGF',
      'More actions on VEGF',
      'History of VEGF',
    ]);
    (root.querySelector('.item__more') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(menuItems().map((b) => b.textContent?.trim())).toEqual([
      'Order',
      'Cancel',
    ]);
  });

  it('acts with the chosen menu entry or the primary button, and opens the history', async () => {
    const root = await render(true, ['schedule', 'order', 'cancel']);
    const more = root.querySelector('.item__more') as HTMLButtonElement;

    more.click();
    await fixture.whenStable();
    menuItems()
      .find((b) => b.textContent?.trim() === 'Cancel')
      ?.click();
    (root.querySelector('.item__history') as HTMLButtonElement).click();
    (
      root.querySelector('[data-action="schedule"]') as HTMLButtonElement
    ).click();

    expect(acted).toEqual(['cancel', 'schedule']);
    expect(histories).toBe(1);
  });

  it('names actions for the item’s state in the menu too', async () => {
    const root = await render(true, ['perform', 'schedule'], 'scheduled');

    (root.querySelector('.item__more') as HTMLButtonElement).click();
    await fixture.whenStable();

    expect(labels(root)[0]).toBe('Mark performed: VEGF');
    expect(menuItems()[0]?.textContent?.trim()).toBe('Reschedule');
  });

  it('shows no menu when no action is left beyond the first', async () => {
    const root = await render(true, []);

    expect(labels(root)).toEqual(['History of VEGF']);
    (root.querySelector('.item__history') as HTMLButtonElement).click();
    expect(histories).toBe(1);
  });
});
