import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { PageEvent } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import type { PatientListItem, PatientView } from '@poems/contract';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';
import { AuthService } from '../core/auth/auth.service';
import { loadState } from '../core/data/load-state';
import { sexLabel } from '../core/format/labels';
import { ErrorAlertComponent } from '../core/ui/error-alert.component';
import { IconComponent } from '../core/ui/icon.component';
import { ListTableComponent } from '../core/ui/list-table.component';
import {
  StatusChipComponent,
  type StatusLook,
} from '../core/ui/status-chip.component';
import { CompletionBarComponent } from '../workup/components/completion-bar.component';
import { overallLook } from '../workup/util/workup-looks';
import { PatientsService, patientName } from './patients.service';
import { RegisterPatientDialogComponent } from './register-patient-dialog.component';
import { ReviewQueueComponent } from './review-queue.component';
import { CalendarDatePipe } from '../core/clock/clinic-time.pipes';

/** Rows per page of the patient list. */
export const PATIENT_PAGE_SIZE = 20;

/** How long typing pauses before the search runs. */
export const SEARCH_DEBOUNCE_MS = 300;

const OVERDUE: StatusLook = { tone: 'warning', icon: 'warning', label: '' };

@Component({
  selector: 'pw-patients-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CalendarDatePipe,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatTableModule,
    CompletionBarComponent,
    ErrorAlertComponent,
    ListTableComponent,
    IconComponent,
    StatusChipComponent,
    ReviewQueueComponent,
  ],
  templateUrl: './patients-page.component.html',
  styleUrl: './patients-page.component.scss',
})
export default class PatientsPageComponent {
  /** `?q=`: the search. */
  readonly q = input<string>();
  /** `?page=`: 1-based. */
  readonly page = input<string>();

  private readonly patients = inject(PatientsService);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly auth = inject(AuthService);

  protected readonly search = new FormControl('', { nonNullable: true });
  private readonly revision = signal(0);
  protected readonly query = computed(() => ({
    q: (this.q() ?? '').trim(),
    page: Math.max(1, Number.parseInt(this.page() ?? '1', 10) || 1),
    pageSize: PATIENT_PAGE_SIZE,
    revision: this.revision(),
  }));
  protected readonly state = loadState(this.query, (q) =>
    this.patients.list(q),
  );
  protected readonly rows = computed(() => this.state().value?.items ?? []);
  protected readonly total = computed(() => this.state().value?.total ?? 0);
  protected readonly canRegister = computed(() =>
    this.auth.may('patient.register'),
  );
  protected readonly columns = [
    'mrn',
    'name',
    'birthDate',
    'sex',
    'completion',
    'overdue',
    'criteria',
  ];

  protected readonly patientName = patientName;
  protected readonly sexLabel = sexLabel;

  constructor() {
    // The URL is the source of truth: typing updates it after a pause, and going back in
    // history puts the URL's search into the box.
    effect(() => {
      const q = this.q() ?? '';
      if (this.search.value.trim() !== q.trim()) {
        this.search.setValue(q, { emitEvent: false });
      }
    });
    this.search.valueChanges
      .pipe(
        debounceTime(SEARCH_DEBOUNCE_MS),
        map((value) => value.trim()),
        distinctUntilChanged(),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((q) => {
        if (q !== (this.q() ?? '').trim()) {
          void this.router.navigate([], {
            queryParams: { q: q === '' ? null : q, page: null },
            replaceUrl: true,
          });
        }
      });
  }

  protected overall(row: PatientListItem): StatusLook {
    return overallLook(row.workup?.overall ?? null);
  }

  protected overdueLook(count: number): StatusLook {
    return { ...OVERDUE, label: `${count} overdue` };
  }

  protected changePage(event: PageEvent): void {
    void this.router.navigate([], {
      queryParams: { page: event.pageIndex === 0 ? null : event.pageIndex + 1 },
      queryParamsHandling: 'merge',
    });
  }

  protected retry(): void {
    this.revision.update((n) => n + 1);
  }

  protected register(): void {
    this.dialog
      .open<RegisterPatientDialogComponent, void, PatientView>(
        RegisterPatientDialogComponent,
        {
          width: 'min(36rem, 95vw)',
        },
      )
      .afterClosed()
      .subscribe((patient) => {
        if (patient) {
          void this.router.navigate(['/patients', patient.id]);
        }
      });
  }
}
