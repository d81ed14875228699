import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import {
  POEMS_DISPENZIERI_V1,
  POEMS_DISPENZIERI_V2,
  getCatalogItem,
  type ProtocolDefinition,
} from '@poems/domain';
import { Subject } from 'rxjs';
import { apiErrorInterceptor } from '../../core/api/api-error.interceptor';
import type { ResultDialogData } from './action-dialog';
import { ResultDialogComponent } from './result-dialog.component';

function dataFor(protocol: ProtocolDefinition): ResultDialogData {
  const item = getCatalogItem(protocol, 'serum_ife');
  return {
    action: 'result',
    protocol,
    catalogItem: item,
    result: null,
    target: {
      workupId: 'w-1',
      key: 'serum_ife',
      name: item.name,
      version: 3,
      status: 'planned',
      dueDate: null,
      scheduledAt: null,
      location: null,
      performedAt: null,
    },
  };
}

/** Biclonal immunofixation (protocol v2, domain reference §2b): each heavy/light pair a clone. */
describe('ResultDialogComponent: biclonal immunofixation', () => {
  let fixture: ComponentFixture<ResultDialogComponent>;
  let backend: HttpTestingController;
  let root: HTMLElement;

  async function open(protocol: ProtocolDefinition): Promise<void> {
    const closed = new Subject<unknown>();
    TestBed.configureTestingModule({
      imports: [ResultDialogComponent],
      providers: [
        provideHttpClient(withInterceptors([apiErrorInterceptor])),
        provideHttpClientTesting(),
        {
          provide: MatDialogRef,
          useValue: {
            close: (o?: unknown) => closed.next(o),
            afterClosed: () => closed.asObservable(),
          },
        },
        { provide: MAT_DIALOG_DATA, useValue: dataFor(protocol) },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ResultDialogComponent);
    root = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  }

  beforeEach(() => sessionStorage.clear());
  afterEach(() => backend.verify());

  const button = (name: string) =>
    Array.from(root.querySelectorAll<HTMLButtonElement>('button')).find(
      (b) => b.textContent?.trim() === name,
    );
  async function choose(label: string, option: string): Promise<void> {
    const field = Array.from(root.querySelectorAll('mat-form-field')).find(
      (f) => f.querySelector('mat-label')?.textContent?.trim() === label,
    );
    field?.querySelector<HTMLElement>('mat-select')?.click();
    await fixture.whenStable();
    // The newest overlay's option: panels of earlier selects may still be in the document.
    Array.from(document.querySelectorAll<HTMLElement>('mat-option'))
      .filter((o) => o.textContent?.trim() === option)
      .pop()
      ?.click();
    await fixture.whenStable();
  }
  async function submit(): Promise<void> {
    root.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
    await fixture.whenStable();
  }

  it('sends every pair as clones when a second clone is added', async () => {
    await open(POEMS_DISPENZIERI_V2);
    await choose('Heavy chain', 'IgA');
    await choose('Light chain', 'λ (lambda)');
    button('Add another clone')?.click();
    await fixture.whenStable();
    await choose('Clone 2: heavy chain', 'IgG');
    await choose('Clone 2: light chain', 'κ (kappa)');
    await submit();

    const body = backend.expectOne('/api/workups/w-1/items/serum_ife/result')
      .request.body as Record<string, unknown>;
    expect(body['clones']).toEqual([
      { heavyChain: 'IgA', lightChain: 'lambda' },
      { heavyChain: 'IgG', lightChain: 'kappa' },
    ]);
    expect(body).not.toHaveProperty('heavyChain');
    expect(body).not.toHaveProperty('lightChain');
  });

  it('needs both chains of an added clone', async () => {
    await open(POEMS_DISPENZIERI_V2);
    await choose('Heavy chain', 'IgA');
    await choose('Light chain', 'λ (lambda)');
    button('Add another clone')?.click();
    await fixture.whenStable();
    await choose('Clone 2: heavy chain', 'IgG');
    await submit();

    backend.expectNone('/api/workups/w-1/items/serum_ife/result');
    expect(root.querySelector('mat-error')?.textContent?.trim()).toBe(
      'Required.',
    );
  });

  it('keeps a single clone as heavy and light chain, after a removed second one', async () => {
    await open(POEMS_DISPENZIERI_V2);
    await choose('Heavy chain', 'IgA');
    await choose('Light chain', 'λ (lambda)');
    button('Add another clone')?.click();
    await fixture.whenStable();
    Array.from(root.querySelectorAll<HTMLButtonElement>('button'))
      .find((b) => b.getAttribute('aria-label') === 'Remove clone 2')
      ?.click();
    await fixture.whenStable();
    await submit();

    const body = backend.expectOne('/api/workups/w-1/items/serum_ife/result')
      .request.body as Record<string, unknown>;
    expect(body['heavyChain']).toBe('IgA');
    expect(body['lightChain']).toBe('lambda');
    expect(body).not.toHaveProperty('clones');
  });

  it('offers no second clone on a version 1 workup', async () => {
    await open(POEMS_DISPENZIERI_V1);
    expect(button('Add another clone')).toBeUndefined();
  });
});
