import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { POEMS_DISPENZIERI_V1 } from '@poems/domain';
import { type ItemHistoryView, type WorkupItemView } from '@poems/contract';
import { aWorkupView } from '../../../testing/workup-fixtures';
import { apiErrorInterceptor } from '../../core/api/api-error.interceptor';
import { setClinicZone } from '../../core/clock/clinic-zone';
import {
  ItemHistoryPanelComponent,
  type ItemHistoryPanelData,
} from './item-history-panel.component';

const VEGF = (value: number) => ({
  specimen: 'plasma' as const,
  values: [{ name: 'VEGF', value, unit: 'pg/mL' }],
});

const HEMATOLOGIST = {
  id: 'u-1',
  displayName: 'Dr Ada Byrne',
  role: 'hematologist' as const,
};

function entry(overrides: Partial<ItemHistoryView>): ItemHistoryView {
  return {
    id: 'h',
    action: 'result',
    from: 'performed',
    to: 'resulted',
    actor: HEMATOLOGIST,
    effectiveAt: '2026-11-02T14:00:00.000Z',
    recordedAt: '2026-11-02T14:00:00.000Z',
    reason: null,
    details: null,
    ...overrides,
  };
}

describe('ItemHistoryPanelComponent', () => {
  let backend: HttpTestingController;
  let item: WorkupItemView;

  beforeEach(() => {
    setClinicZone('America/New_York');
    const workup = aWorkupView({ id: 'w-1', results: { vegf: VEGF(90) } });
    item = workup.items.find((i) => i.key === 'vegf') as WorkupItemView;
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([apiErrorInterceptor])),
        provideHttpClientTesting(),
        {
          provide: MAT_DIALOG_DATA,
          useValue: {
            workupId: 'w-1',
            item,
            protocol: POEMS_DISPENZIERI_V1,
          } satisfies ItemHistoryPanelData,
        },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    backend.verify();
    setClinicZone('UTC');
  });

  async function render(history: ItemHistoryView[]): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(ItemHistoryPanelComponent);
    fixture.detectChanges();
    backend.expectOne('/api/workups/w-1/items/vegf/history').flush(history);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const text = (el: Element | null | undefined) =>
    (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

  it('says in words what each entry changed, old → new, newest recorded first, a correction marked', async () => {
    const root = await render([
      entry({ id: 'h1' }),
      // Effective when the sample was taken, recorded days later: it sorts by the recording.
      entry({
        id: 'h2',
        from: 'reviewed',
        effectiveAt: '2026-11-01T09:00:00.000Z',
        recordedAt: '2026-11-05T16:30:00.000Z',
        details: {
          correction: true,
          previousStatus: 'reviewed',
          previousResult: VEGF(850),
          previousFindings: [
            {
              criterion: 'vegf_elevation',
              value: 'present',
              source: 'inferred',
            },
          ],
        },
      }),
      entry({
        id: 'h3',
        action: 'review',
        from: 'resulted',
        to: 'reviewed',
        recordedAt: '2026-11-03T10:00:00.000Z',
        effectiveAt: '2026-11-03T10:00:00.000Z',
        details: { note: 'Repeat on plasma' },
      }),
    ]);

    const entries = Array.from(root.querySelectorAll('.history__entry'));
    expect(entries.map((e) => text(e.querySelector('h3')))).toEqual([
      'Result corrected Correction',
      'Reviewed',
      'Result recorded',
    ]);
    const [correction, review, first] = entries;
    expect(correction?.classList).toContain('history__entry--correction');
    const changes = (e: Element | undefined) =>
      Array.from(e?.querySelectorAll('dl > div') ?? []).map(
        (d) => `${text(d.querySelector('dt'))}: ${text(d.querySelector('dd'))}`,
      );
    expect(changes(correction)).toEqual([
      'Status: reviewed → changed to resulted',
      'VEGF: 850 pg/mL → changed to 90 pg/mL',
      'Finding: VEGF elevation: present → changed to absent',
    ]);
    expect(changes(review)).toEqual([
      'Status: resulted → changed to reviewed',
      'Note: Repeat on plasma',
    ]);
    expect(changes(first)).toContain('VEGF: 850 pg/mL');
    expect(changes(first)).toContain('Specimen: plasma');
    // Who, when effective and when recorded, on the clinic's clock.
    expect(text(correction?.querySelector('.history__meta'))).toBe(
      'By Dr Ada Byrne (Hematologist) · effective 1 Nov 2026, 04:00 EST · recorded 5 Nov 2026, 11:30 EST',
    );
  });

  it('says when nothing was recorded yet', async () => {
    const root = await render([]);
    expect(root.textContent).toContain('No changes recorded yet.');
  });
});
