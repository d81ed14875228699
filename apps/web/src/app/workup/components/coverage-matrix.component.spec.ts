import { TestBed } from '@angular/core/testing';
import { POEMS_DISPENZIERI_V1, type WorkupView } from '@poems/domain';
import {
  CLASSIC_LAMBDA_RESULTS,
  aWorkupView,
} from '../../../testing/workup-fixtures';
import { CoverageMatrixComponent } from './coverage-matrix.component';

describe('CoverageMatrixComponent', () => {
  async function render(workup: WorkupView): Promise<HTMLElement> {
    TestBed.configureTestingModule({ imports: [CoverageMatrixComponent] });
    const fixture = TestBed.createComponent(CoverageMatrixComponent);
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

  it('is a table with column headers per item and row headers per criterion, grouped', async () => {
    const root = await render(aWorkupView());

    const columns = Array.from(root.querySelectorAll('thead th'));
    expect(columns.every((th) => th.getAttribute('scope') === 'col')).toBe(
      true,
    );
    expect(columns.map((th) => th.textContent?.trim())).toContain(
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

    const header = Array.from(root.querySelectorAll('thead th')).find((th) =>
      th.textContent?.includes('Lymph node biopsy'),
    );
    expect(header?.textContent).toContain('(not active)');
  });
});
