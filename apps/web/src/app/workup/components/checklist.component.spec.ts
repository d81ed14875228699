import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { POEMS_DISPENZIERI_V1, type Role } from '@poems/domain';
import { type WorkupView } from '@poems/contract';
import { aWorkupView } from '../../../testing/workup-fixtures';
import {
  ChecklistComponent,
  type ItemActionRequest,
} from './checklist.component';

describe('ChecklistComponent', () => {
  let fixture: ComponentFixture<ChecklistComponent>;

  async function render(
    workup: WorkupView,
    role: Role | null,
  ): Promise<HTMLElement> {
    TestBed.configureTestingModule({ imports: [ChecklistComponent] });
    fixture = TestBed.createComponent(ChecklistComponent);
    fixture.componentRef.setInput('workup', workup);
    fixture.componentRef.setInput('role', role);
    fixture.componentRef.setInput('protocol', POEMS_DISPENZIERI_V1);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const item = (root: HTMLElement, name: string): HTMLElement => {
    const article = Array.from(root.querySelectorAll('article')).find(
      (a) => a.querySelector('h4')?.textContent?.trim() === name,
    );
    if (!article) {
      throw new Error(`no item ${name}`);
    }
    return article;
  };
  const buttons = (article: HTMLElement): string[] =>
    Array.from(article.querySelectorAll('button')).map(
      (b) => b.getAttribute('aria-label') ?? '',
    );

  it('groups the items by kind, in the protocol’s order of kinds', async () => {
    const root = await render(aWorkupView(), 'hematologist');

    expect(
      Array.from(root.querySelectorAll('h3')).map((h) =>
        h.textContent?.replace(/\s+/g, ' ').trim(),
      ),
    ).toEqual([
      'Laboratory tests (7)',
      'Imaging (2)',
      'Procedures (2)',
      'Studies (3)',
      'Examinations (3)',
    ]);
  });

  it('shows a coordinator the scheduling actions but no result or sign-off', async () => {
    const root = await render(aWorkupView(), 'coordinator');

    expect(buttons(item(root, 'Serum immunofixation'))).toEqual([
      'Order: Serum immunofixation',
      'Schedule: Serum immunofixation',
      'Mark performed: Serum immunofixation',
      'Cancel: Serum immunofixation',
      'History of Serum immunofixation',
    ]);
  });

  it('shows a hematologist result entry, review and the conditional item’s Activate', async () => {
    const root = await render(
      aWorkupView({
        results: {
          vegf: {
            specimen: 'plasma',
            values: [{ name: 'VEGF', value: 850, unit: 'pg/mL' }],
          },
        },
      }),
      'hematologist',
    );

    expect(
      buttons(item(root, 'VEGF, plasma preferred (specimen recorded)')),
    ).toEqual([
      'Correct result: VEGF, plasma preferred (specimen recorded)',
      'Review: VEGF, plasma preferred (specimen recorded)',
      'History of VEGF, plasma preferred (specimen recorded)',
    ]);
    const biopsy = item(root, 'Excisional lymph node biopsy');
    expect(biopsy.textContent).toContain('Conditional, not active');
    expect(biopsy.textContent).toContain(
      'Not part of this workup until it is activated.',
    );
    expect(buttons(biopsy)).toEqual([
      'Activate: Excisional lymph node biopsy',
      'History of Excisional lymph node biopsy',
    ]);
  });

  it('shows an auditor no action at all, only the history', async () => {
    const root = await render(
      aWorkupView({ results: { cbc: { values: [] } } }),
      'auditor',
    );

    const labels = Array.from(root.querySelectorAll('button')).map(
      (b) => b.getAttribute('aria-label') ?? '',
    );
    expect(labels.length).toBe(17);
    expect(labels.every((l) => l.startsWith('History of '))).toBe(true);
  });

  it('offers no action on a closed workup', async () => {
    const root = await render(
      aWorkupView({ status: 'closed' }),
      'hematologist',
    );

    expect(root.querySelectorAll('[data-action]').length).toBe(0);
  });

  it('marks an overdue item with an icon and the word, not colour alone', async () => {
    const root = await render(
      aWorkupView({
        statuses: { cbc: 'ordered' },
        overdue: ['cbc'],
        dueDates: { cbc: '2026-03-01' },
      }),
      'coordinator',
    );

    const cbc = item(root, 'Complete blood count with differential');
    const chips = Array.from(cbc.querySelectorAll('pw-status-chip')).map(
      (c) => ({
        text: c.textContent?.trim(),
        icon: c.querySelector('svg') !== null,
      }),
    );
    expect(chips).toEqual([
      { text: 'Ordered', icon: true },
      { text: 'Overdue', icon: true },
    ]);
    expect(cbc.textContent).toContain('Due');
    expect(cbc.textContent).toContain('1 Mar 2026');
  });

  it('summarises a result: values with unit, range and H/L/N flag, and the inferred finding with its basis', async () => {
    const root = await render(
      aWorkupView({
        results: {
          cbc: {
            values: [
              {
                code: '777-3',
                name: 'Platelets',
                value: 620,
                unit: '10*9/L',
                low: 150,
                high: 450,
              },
              {
                code: '718-7',
                name: 'Hemoglobin',
                value: 14,
                unit: 'g/dL',
                low: 13.2,
                high: 16.6,
              },
            ],
          },
        },
      }),
      'hematologist',
    );

    const cbc = item(root, 'Complete blood count with differential');
    const lines = Array.from(cbc.querySelectorAll('.values li')).map((li) =>
      Array.from(li.children).map((part) => part.textContent?.trim()),
    );
    // The flag letter is shown; its word is what a screen reader reads.
    expect(lines).toEqual([
      ['Platelets', '620 ×10⁹/L', '(ref. 150–450)', 'H', 'high'],
      ['Hemoglobin', '14 g/dL', '(ref. 13.2–16.6)', 'N', 'normal'],
    ]);
    const finding = cbc.querySelector('.item__findings li');
    expect(
      Array.from(finding?.children ?? []).map((part) =>
        part.textContent?.trim(),
      ),
    ).toEqual([
      'Thrombocytosis / polycythemia',
      'Present',
      '(inferred)',
      "platelets 620 ×10⁹/L above the laboratory's upper limit 450 ×10⁹/L",
    ]);
  });

  it('shows on each item the criteria it establishes or supports, as chips with the current finding', async () => {
    const root = await render(
      aWorkupView({
        results: {
          vegf: {
            specimen: 'plasma',
            values: [{ name: 'VEGF', value: 850, unit: 'pg/mL' }],
          },
        },
      }),
      'hematologist',
    );
    const chips = (name: string) =>
      Array.from(item(root, name).querySelectorAll('.item__covers li')).map(
        (li) => ({
          criterion: li.getAttribute('data-criterion'),
          coverage: li.classList.contains('cover--establishes') ? 'E' : 'S',
          text: li.textContent?.replace(/\s+/g, ' ').trim(),
        }),
      );

    expect(chips('VEGF, plasma preferred (specimen recorded)')).toEqual([
      {
        criterion: 'vegf_elevation',
        coverage: 'E',
        text: 'EEstablishes VEGF elevation: present',
      },
    ]);
    const exam = chips('Skin and volume examination');
    expect(exam.length).toBeGreaterThan(1);
    expect(exam.every((c) => c.text?.endsWith(': not yet'))).toBe(true);
    expect(exam.map((c) => c.coverage)).toContain('E');
  });

  it('emits the item and the action the user chose', async () => {
    const root = await render(aWorkupView(), 'coordinator');
    const requests: ItemActionRequest[] = [];
    fixture.componentInstance.act.subscribe((r) => requests.push(r));

    item(root, 'Serum immunofixation')
      .querySelector<HTMLButtonElement>('[data-action="schedule"]')
      ?.click();

    expect(requests.map((r) => [r.item.key, r.action])).toEqual([
      ['serum_ife', 'schedule'],
    ]);
  });

  it('marks, brings into view and focuses the item a link points at, and only that one', async () => {
    const scrolled: string[] = [];
    const original = HTMLElement.prototype.scrollIntoView;
    HTMLElement.prototype.scrollIntoView = function (this: HTMLElement) {
      scrolled.push(this.querySelector('h4')?.textContent?.trim() ?? '');
    };
    try {
      TestBed.configureTestingModule({ imports: [ChecklistComponent] });
      fixture = TestBed.createComponent(ChecklistComponent);
      fixture.componentRef.setInput('workup', aWorkupView());
      fixture.componentRef.setInput('role', 'coordinator');
      fixture.componentRef.setInput('protocol', POEMS_DISPENZIERI_V1);
      fixture.componentRef.setInput('highlight', 'vegf');
      await fixture.whenStable();
      const root = fixture.nativeElement as HTMLElement;

      const marked = Array.from(
        root.querySelectorAll('article.item--highlighted'),
      );
      expect(
        marked.map((a) => a.querySelector('h4')?.textContent?.trim()),
      ).toEqual(['VEGF, plasma preferred (specimen recorded)']);
      expect(marked[0]?.getAttribute('aria-current')).toBe('true');
      expect(document.activeElement).toBe(marked[0]);
      expect(scrolled).toEqual(['VEGF, plasma preferred (specimen recorded)']);
    } finally {
      HTMLElement.prototype.scrollIntoView = original;
    }
  });
});
