import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MatTooltip } from '@angular/material/tooltip';
import { By } from '@angular/platform-browser';
import { provideRouter } from '@angular/router';
import { POEMS_DISPENZIERI_V1 } from '@poems/domain';
import { type WorkupView } from '@poems/contract';
import {
  CLASSIC_LAMBDA_RESULTS,
  aWorkupView,
} from '../../../testing/workup-fixtures';
import { CoverageMatrixComponent } from './coverage-matrix.component';

describe('CoverageMatrixComponent', () => {
  let fixture: ComponentFixture<CoverageMatrixComponent>;

  async function render(workup: WorkupView): Promise<HTMLElement> {
    TestBed.configureTestingModule({
      imports: [CoverageMatrixComponent],
      providers: [provideRouter([])],
    });
    fixture = TestBed.createComponent(CoverageMatrixComponent);
    fixture.componentRef.setInput('workup', workup);
    fixture.componentRef.setInput('protocol', POEMS_DISPENZIERI_V1);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const row = (root: HTMLElement, criterion: string): HTMLTableRowElement => {
    const found = Array.from(
      root.querySelectorAll<HTMLTableRowElement>('tbody tr'),
    ).find((r) =>
      r.querySelector('th[scope="row"]')?.textContent?.includes(criterion),
    );
    if (!found) {
      throw new Error(`no row ${criterion}`);
    }
    return found;
  };
  /** What a screen reader hears for a cell. */
  const cell = (root: HTMLElement, criterion: string, item: string): string =>
    row(root, criterion)
      .querySelector(`td[data-item="${item}"] .visually-hidden`)
      ?.textContent?.trim() ?? '';

  it('is a table of criteria rows and item columns grouped by kind, abbreviated, full names for screen readers', async () => {
    const root = await render(aWorkupView());

    expect(
      Array.from(root.querySelectorAll('thead th[scope="colgroup"]')).map(
        (th) => th.textContent?.trim(),
      ),
    ).toEqual([
      'Laboratory tests',
      'Imaging',
      'Procedures',
      'Studies',
      'Examinations',
    ]);
    const columns = Array.from(
      root.querySelectorAll<HTMLElement>('thead th[scope="col"]'),
    ).slice(1);
    expect(columns).toHaveLength(17);
    // Each kind's items together, in checklist-section order.
    expect(columns.slice(0, 7).map((th) => th.dataset['item'])).toEqual([
      'spep',
      'serum_ife',
      'urine_ife',
      'serum_flc',
      'vegf',
      'cbc',
      'endocrine_panel',
    ]);
    const ife = columns.find((th) => th.dataset['item'] === 'serum_ife');
    expect(ife?.querySelector('abbr')?.textContent?.trim()).toBe('sIFE');
    expect(ife?.querySelector('.visually-hidden')?.textContent).toBe(
      'Serum immunofixation',
    );
    expect(
      Array.from(root.querySelectorAll('th[scope="rowgroup"]')).map((th) =>
        th.textContent?.trim(),
      ),
    ).toEqual([
      'Mandatory major criteria (both required)',
      'Other major criteria (at least one)',
      'Minor criteria (at least one)',
    ]);
    expect(root.querySelectorAll('th[scope="row"]').length).toBe(11);
    expect(root.querySelector('caption')?.textContent).toContain(
      'Criteria coverage',
    );
  });

  it('links each marked cell to the item on the checklist, with item, finding and basis on hover and focus', async () => {
    const root = await render(aWorkupView({ results: CLASSIC_LAMBDA_RESULTS }));
    const link = row(root, 'VEGF elevation').querySelector<HTMLAnchorElement>(
      'td[data-item="vegf"] a',
    );

    expect(link?.getAttribute('href')).toBe('/?item=vegf');
    const tooltip = fixture.debugElement
      .queryAll(By.directive(MatTooltip))
      .find((d) => d.nativeElement === link)
      ?.injector.get(MatTooltip);
    expect(tooltip?.message).toMatch(
      /^VEGF.* — establishes VEGF elevation; finding: present \(.*VEGF.*\)$/,
    );
    // A cell the item does not cover has nothing to follow.
    expect(
      row(root, 'VEGF elevation').querySelector('td[data-item="cbc"] a'),
    ).toBeNull();
  });

  it('marks establishing and supporting items, with nothing found yet on a new workup', async () => {
    const root = await render(aWorkupView());

    expect(cell(root, 'Polyradiculoneuropathy', 'emg_ncs')).toBe(
      'Establishes; finding: not yet',
    );
    expect(cell(root, 'Polyradiculoneuropathy', 'neuro_exam')).toBe(
      'Supports; finding: not yet',
    );
    expect(cell(root, 'Polyradiculoneuropathy', 'vegf')).toBe('');
    expect(
      row(root, 'Polyradiculoneuropathy').querySelector(
        'td[data-item="emg_ncs"] .mark',
      )?.textContent,
    ).toBe('E');
    expect(
      row(root, 'Polyradiculoneuropathy').querySelector(
        'td[data-item="neuro_exam"] .mark',
      )?.textContent,
    ).toBe('S');
  });

  it('shows the findings of a real evaluation (the classic λ case)', async () => {
    const root = await render(aWorkupView({ results: CLASSIC_LAMBDA_RESULTS }));

    expect(cell(root, 'Polyradiculoneuropathy', 'emg_ncs')).toBe(
      'Establishes; finding: present',
    );
    expect(
      cell(root, 'Monoclonal plasma cell-proliferative disorder', 'serum_ife'),
    ).toBe('Establishes; finding: present');
    expect(
      cell(root, 'Monoclonal plasma cell-proliferative disorder', 'spep'),
    ).toBe('Supports; finding: not yet');
    expect(cell(root, 'VEGF elevation', 'vegf')).toBe(
      'Establishes; finding: present',
    );
    expect(cell(root, 'Sclerotic bone lesions', 'bone_imaging')).toBe(
      'Establishes; finding: present',
    );
    expect(cell(root, 'Extravascular volume overload', 'physical_exam')).toBe(
      'Establishes; finding: present',
    );
    expect(cell(root, 'Organomegaly', 'physical_exam')).toBe(
      'Supports; finding: absent',
    );
    expect(cell(root, 'Castleman disease', 'lymph_node_biopsy')).toBe(
      'Establishes; finding: no finding',
    );
  });

  it('labels each criterion’s status in words in its row header', async () => {
    const root = await render(aWorkupView({ results: CLASSIC_LAMBDA_RESULTS }));

    expect(
      row(root, 'VEGF elevation').querySelector('th')?.textContent,
    ).toContain('Met');
    expect(row(root, 'Papilledema').querySelector('th')?.textContent).toContain(
      'Pending',
    );
    // Body imaging is still open, so lymphadenopathy can still be found: pending, not ruled out.
    expect(
      row(root, 'Castleman disease').querySelector('th')?.textContent,
    ).toContain('Pending');
  });

  it('names an inactive conditional item as such in its column header', async () => {
    const root = await render(aWorkupView());

    const header = root.querySelector(
      'thead th[data-item="lymph_node_biopsy"]',
    );
    expect(header?.textContent).toContain('(not active)');
  });
});
