import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { POEMS_DISPENZIERI_V1, getCatalogItem } from '@poems/domain';
import { aWorkupView } from '../../../testing/workup-fixtures';
import { apiErrorInterceptor } from '../../core/api/api-error.interceptor';
import type { ResultDialogData } from './action-dialog';
import { ResultDialogComponent } from './result-dialog.component';
import { Subject } from 'rxjs';

function dataFor(key: string): ResultDialogData {
  return {
    action: 'result',
    protocol: POEMS_DISPENZIERI_V1,
    catalogItem: getCatalogItem(POEMS_DISPENZIERI_V1, key),
    result: null,
    target: {
      workupId: 'w-1',
      key,
      name: getCatalogItem(POEMS_DISPENZIERI_V1, key).name,
      version: 7,
      status: 'planned',
      dueDate: null,
      scheduledAt: null,
      location: null,
      performedAt: null,
    },
  };
}

describe('ResultDialogComponent', () => {
  let fixture: ComponentFixture<ResultDialogComponent>;
  let backend: HttpTestingController;
  let close: jest.Mock;
  let root: HTMLElement;

  async function open(key: string): Promise<void> {
    const closed = new Subject<unknown>();
    close = jest.fn((outcome?: unknown) => closed.next(outcome));
    TestBed.configureTestingModule({
      imports: [ResultDialogComponent],
      providers: [
        provideHttpClient(withInterceptors([apiErrorInterceptor])),
        provideHttpClientTesting(),
        {
          provide: MatDialogRef,
          useValue: { close, afterClosed: () => closed.asObservable() },
        },
        { provide: MAT_DIALOG_DATA, useValue: dataFor(key) },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ResultDialogComponent);
    root = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  beforeEach(() => sessionStorage.clear());
  afterEach(() => backend.verify());

  const rows = (): string[][] =>
    Array.from(root.querySelectorAll('.values-table tbody tr')).map((tr) => [
      tr.querySelector('.values-table__name')?.textContent?.trim() ?? '',
      tr.querySelector<HTMLInputElement>('input[formcontrolname="unit"]')
        ?.value ?? '',
    ]);
  async function typeValue(
    rowIndex: number,
    control: string,
    value: string,
  ): Promise<void> {
    const input = root
      .querySelectorAll('.values-table tbody tr')
      [
        rowIndex
      ]?.querySelector<HTMLInputElement>(`input[formcontrolname="${control}"]`);
    if (!input) {
      throw new Error(`no ${control} in row ${rowIndex}`);
    }
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }
  async function choose(label: string, option: string): Promise<void> {
    const field = Array.from(root.querySelectorAll('mat-form-field')).find(
      (f) => f.querySelector('mat-label')?.textContent?.trim() === label,
    );
    field?.querySelector<HTMLElement>('mat-select')?.click();
    await fixture.whenStable();
    Array.from(document.querySelectorAll<HTMLElement>('mat-option'))
      .find((o) => o.textContent?.trim() === option)
      ?.click();
    await fixture.whenStable();
  }
  async function submit(): Promise<void> {
    root.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await fixture.whenStable();
  }

  it('starts with one row per LOINC code of the item, named and with a unit, so only numbers are typed', async () => {
    await open('cbc');

    expect(rows()).toEqual([
      ['Platelets', '10*9/L'],
      ['Hemoglobin', 'g/dL'],
      ['Hematocrit', '%'],
    ]);
    expect(root.textContent).toContain('LOINC 777-3');
  });

  it('shows only the fields the catalog item takes', async () => {
    await open('serum_ife');

    const legends = Array.from(root.querySelectorAll('legend')).map((l) =>
      l.textContent?.trim(),
    );
    expect(legends).toEqual(['Values', 'Monoclonal protein', 'Findings']);
    expect(root.querySelectorAll('.values-table').length).toBe(0);
  });

  it('checks the result with the domain rules before sending: VEGF needs its specimen', async () => {
    await open('vegf');
    await typeValue(0, 'value', '850');

    await submit();

    backend.expectNone('/api/workups/w-1/items/vegf/result');
    const specimen = Array.from(root.querySelectorAll('mat-form-field')).find(
      (f) => f.querySelector('mat-label')?.textContent?.trim() === 'Specimen',
    );
    expect(specimen?.querySelector('mat-error')?.textContent?.trim()).toBe(
      'specimen is required for VEGF (plasma or serum).',
    );
  });

  it('puts a unit the domain refuses on that row’s unit field', async () => {
    await open('vegf');
    await choose('Specimen', 'Plasma');
    await typeValue(0, 'value', '0.85');
    await typeValue(0, 'unit', 'ng/mL');

    await submit();

    backend.expectNone('/api/workups/w-1/items/vegf/result');
    const unitField = root
      .querySelectorAll('.values-table tbody tr')[0]
      ?.querySelectorAll('mat-form-field')[1];
    expect(unitField?.querySelector('mat-error')?.textContent?.trim()).toBe(
      'VEGF must be reported in pg/mL (or ng/L).',
    );
  });

  it('sends the measured values with the item’s version and closes with the updated workup', async () => {
    await open('cbc');
    await typeValue(0, 'value', '620');
    await typeValue(0, 'high', '450');

    await submit();

    const request = backend.expectOne('/api/workups/w-1/items/cbc/result');
    expect(request.request.body).toEqual({
      version: 7,
      values: [
        {
          code: '777-3',
          name: 'Platelets',
          value: 620,
          unit: '10*9/L',
          // The clinic profile's low limit, kept; the high one as the report says.
          low: 150,
          high: 450,
        },
      ],
    });
    const updated = aWorkupView();
    request.flush(updated);
    expect(close).toHaveBeenCalledWith({ kind: 'updated', workup: updated });
  });

  it('records that an exam found no sign when none is ticked', async () => {
    await open('fundoscopy');

    await submit();

    expect(
      backend.expectOne('/api/workups/w-1/items/fundoscopy/result').request
        .body,
    ).toEqual({ version: 7, signs: [] });
  });

  it('never saves an empty EMG: polyradiculoneuropathy is a required finding', async () => {
    await open('emg_ncs');
    const field = Array.from(root.querySelectorAll('mat-form-field')).find(
      (f) =>
        f
          .querySelector('mat-label')
          ?.textContent?.trim()
          .startsWith('Polyradiculoneuropathy'),
    );
    expect(
      field?.querySelector('mat-select')?.getAttribute('aria-required'),
    ).toBe('true');

    await submit();

    backend.expectNone('/api/workups/w-1/items/emg_ncs/result');
    expect(field?.querySelector('mat-error')?.textContent?.trim()).toBe(
      'Required.',
    );

    await choose('Polyradiculoneuropathy', 'Indeterminate');
    await submit();
    expect(
      backend.expectOne('/api/workups/w-1/items/emg_ncs/result').request.body,
    ).toEqual({
      version: 7,
      findings: [{ criterion: 'polyneuropathy', value: 'indeterminate' }],
    });
  });

  it('never sends a result with nothing in it, saying what is missing', async () => {
    await open('cbc');

    await submit();

    backend.expectNone('/api/workups/w-1/items/cbc/result');
    expect(root.textContent).toContain(
      'a result must carry content: values, a report, an item-specific field or a finding.',
    );
  });

  it('asks a marrow read for its finding when no light chain shows a clone', async () => {
    await open('bone_marrow_biopsy');
    const report = root.querySelector<HTMLTextAreaElement>(
      'textarea[formcontrolname="report"]',
    );
    if (report) {
      report.value = 'Normocellular marrow.';
      report.dispatchEvent(new Event('input'));
    }
    await fixture.whenStable();

    await submit();

    backend.expectNone('/api/workups/w-1/items/bone_marrow_biopsy/result');
    expect(root.textContent).toContain(
      'state the finding for monoclonal_plasma_cell_disorder',
    );
  });

  it('does not submit when Enter is pressed in a value field', async () => {
    await open('cbc');
    await typeValue(0, 'value', '620');
    const input = root.querySelector<HTMLInputElement>(
      '.values-table input[formcontrolname="value"]',
    );
    const enter = new KeyboardEvent('keydown', {
      key: 'Enter',
      bubbles: true,
      cancelable: true,
    });
    input?.dispatchEvent(enter);
    await fixture.whenStable();

    expect(enter.defaultPrevented).toBe(true);
    backend.expectNone('/api/workups/w-1/items/cbc/result');
  });

  it('starts ranges from the clinic laboratory profile, shows units in human form and calculates the κ/λ ratio', async () => {
    await open('serum_flc');
    const range = (index: number): string[] =>
      ['low', 'high'].map(
        (c) =>
          root
            .querySelectorAll('.values-table tbody tr')
            [
              index
            ]?.querySelector<HTMLInputElement>(`input[formcontrolname="${c}"]`)
            ?.value ?? '',
      );
    expect(range(0)).toEqual(['3.3', '19.4']);
    expect(range(2)).toEqual(['0.26', '1.65']);
    const hints = Array.from(
      root.querySelectorAll('.values-table tbody tr mat-hint'),
    ).map((h) => h.textContent?.trim());
    expect(hints).toEqual(['ratio, no unit']);

    await typeValue(0, 'value', '310');
    await typeValue(1, 'value', '12.4');

    expect(
      root
        .querySelectorAll('.values-table tbody tr')[2]
        ?.querySelector<HTMLInputElement>('input[formcontrolname="value"]')
        ?.value,
    ).toBe('25');
  });

  it('shows a platelet count’s unit as people read it', async () => {
    await open('cbc');
    expect(
      root
        .querySelectorAll('.values-table tbody tr')[0]
        ?.querySelector('mat-hint')
        ?.textContent?.trim(),
    ).toBe('×10⁹/L');
  });

  it('keeps a half-typed result in session storage and restores it when reopened, until saved', async () => {
    await open('cbc');
    await typeValue(0, 'value', '620');
    // The session ends: the dialog is destroyed without Save or Cancel.
    fixture.destroy();
    TestBed.resetTestingModule();

    await open('cbc');
    expect(root.textContent).toContain(
      'Restored what you had typed before the dialog closed',
    );
    expect(
      root
        .querySelectorAll('.values-table tbody tr')[0]
        ?.querySelector<HTMLInputElement>('input[formcontrolname="value"]')
        ?.value,
    ).toBe('620');

    await submit();
    backend.expectOne('/api/workups/w-1/items/cbc/result').flush(aWorkupView());
    expect(
      Object.keys(sessionStorage).filter((k) =>
        k.startsWith('pw-result-draft:'),
      ),
    ).toEqual([]);
  });

  it('drops a draft typed against an older version of the item, and on Cancel', async () => {
    sessionStorage.setItem(
      'pw-result-draft:w-1/cbc',
      JSON.stringify({
        version: 6,
        rows: 3,
        value: { values: [{ value: 1 }] },
      }),
    );
    await open('cbc');
    expect(root.textContent).not.toContain('Restored what you had typed');
    expect(sessionStorage.getItem('pw-result-draft:w-1/cbc')).toBeNull();

    await typeValue(0, 'value', '99');
    expect(sessionStorage.getItem('pw-result-draft:w-1/cbc')).not.toBeNull();
    Array.from(root.querySelectorAll<HTMLButtonElement>('button'))
      .find((b) => b.textContent?.trim() === 'Cancel')
      ?.click();
    expect(sessionStorage.getItem('pw-result-draft:w-1/cbc')).toBeNull();
  });
});
