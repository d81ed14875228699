import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { PageEvent } from '@angular/material/paginator';
import { ViewportService } from '../layout/viewport.service';
import { ListTableComponent } from './list-table.component';

/** A page as the list pages use the frame: a table of its own projected inside. */
@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ListTableComponent],
  template: `
    <pw-list-table
      label="Patients"
      pagesLabel="Pages of patients"
      [loading]="loading()"
      [pending]="pending()"
      [length]="length()"
      [pageIndex]="0"
      [pageSize]="20"
      [pageSizeOptions]="[20, 50]"
      [stackOn]="stackOn()"
      (pageChange)="pages.push($event)"
    >
      <table>
        <tbody>
          <tr>
            <th scope="row">Responsive, Vera</th>
            <td data-label="MRN">M-1</td>
          </tr>
        </tbody>
      </table>
    </pw-list-table>
  `,
})
class HostComponent {
  readonly loading = signal(true);
  readonly pending = signal(true);
  readonly length = signal(0);
  readonly stackOn = signal<'handset' | 'compact'>('handset');
  readonly pages: PageEvent[] = [];
}

describe('ListTableComponent', () => {
  let fixture: ComponentFixture<HostComponent>;

  async function render(
    viewport: { handset: boolean; compact: boolean } = {
      handset: false,
      compact: false,
    },
  ): Promise<HTMLElement> {
    TestBed.configureTestingModule({
      imports: [HostComponent],
      providers: [
        {
          provide: ViewportService,
          useValue: {
            handset: signal(viewport.handset),
            compact: signal(viewport.compact),
          },
        },
      ],
    });
    fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  async function firstPageArrives(): Promise<void> {
    fixture.componentInstance.loading.set(false);
    fixture.componentInstance.pending.set(false);
    fixture.componentInstance.length.set(45);
    await fixture.whenStable();
  }

  const region = (root: HTMLElement): HTMLElement => {
    const found = root.querySelector<HTMLElement>('[role="region"]');
    if (!found) {
      throw new Error('No region');
    }
    return found;
  };
  const paginator = (root: HTMLElement): HTMLElement => {
    const found = root.querySelector<HTMLElement>('mat-paginator');
    if (!found) {
      throw new Error('No paginator');
    }
    return found;
  };

  it('is a named, keyboard-scrollable region holding the page’s table', async () => {
    const root = await render();

    expect(region(root).getAttribute('aria-label')).toBe('Patients');
    expect(region(root).tabIndex).toBe(0);
    expect(region(root).querySelector('td')?.textContent).toBe('M-1');
    expect(paginator(root).getAttribute('aria-label')).toBe(
      'Pages of patients',
    );
  });

  it('reserves the room of a full page and hides the paginator until the first page arrives', async () => {
    const root = await render();

    // A header row of 3.5 rem and 20 rows of 3.25 rem.
    expect(region(root).style.minHeight).toBe('68.5rem');
    expect(paginator(root).style.visibility).toBe('hidden');
    expect(
      region(root)
        .querySelector('mat-progress-bar')
        ?.getAttribute('aria-label'),
    ).toBe('Loading patients');

    await firstPageArrives();

    expect(region(root).style.minHeight).toBe('');
    expect(paginator(root).style.visibility).toBe('');
    expect(region(root).querySelector('mat-progress-bar')).toBeNull();
    expect(paginator(root).textContent).toContain('1 – 20 of 45');
  });

  it('keeps the rows in their room while a later page loads, the bar above them', async () => {
    const root = await render();
    await firstPageArrives();

    fixture.componentInstance.loading.set(true);
    await fixture.whenStable();

    expect(region(root).querySelector('mat-progress-bar')).not.toBeNull();
    expect(region(root).style.minHeight).toBe('');
    expect(paginator(root).style.visibility).toBe('');
  });

  it('tells the page when the reader turns the page', async () => {
    const root = await render();
    await firstPageArrives();

    paginator(root)
      .querySelector<HTMLButtonElement>('button[aria-label="Next page"]')
      ?.click();

    expect(fixture.componentInstance.pages.map((p) => p.pageIndex)).toEqual([
      1,
    ]);
  });

  it('keeps rows as table rows on a desktop', async () => {
    const root = await render();

    expect(region(root).classList).not.toContain('pw-list-table--stacked');
  });

  // The cards' rules (each cell labelled by its data-label) are global in styles.scss.
  it('stacks rows as cards on a phone', async () => {
    const root = await render({ handset: true, compact: true });

    expect(region(root).classList).toContain('pw-list-table--stacked');
  });

  it('stacks rows on a tablet only for tables that ask for it', async () => {
    const root = await render({ handset: false, compact: true });

    expect(region(root).classList).not.toContain('pw-list-table--stacked');

    fixture.componentInstance.stackOn.set('compact');
    await fixture.whenStable();

    expect(region(root).classList).toContain('pw-list-table--stacked');
  });
});
