import { NgTemplateOutlet } from '@angular/common';
import { ViewportService } from '../core/layout/viewport.service';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { Router, RouterLink } from '@angular/router';
import { type WorkupItemView, type WorkupView } from '@poems/contract';
import { of } from 'rxjs';
import { describeError, type ErrorMessage } from '../core/api/error-message';
import { AuthService } from '../core/auth/auth.service';
import { loadState } from '../core/data/load-state';
import { Download } from '../core/download/download';
import { DownloadButtonComponent } from '../core/download/download-button.component';
import { sexLabel } from '../core/format/labels';
import { ErrorAlertComponent } from '../core/ui/error-alert.component';
import { FollowupSectionComponent } from '../followup/followup-section.component';
import { StatusChipComponent } from '../core/ui/status-chip.component';
import { PatientsService, patientName } from '../patients/patients.service';
import {
  ChecklistComponent,
  type ItemActionRequest,
} from './components/checklist.component';
import { CoverageMatrixComponent } from './components/coverage-matrix.component';
import { CriteriaSummaryComponent } from './components/criteria-summary.component';
import { VerdictHistoryComponent } from './components/verdict-history.component';
import { WorkupOverviewComponent } from './components/workup-overview.component';
import { UpgradeOfferComponent } from './components/upgrade-offer.component';
import { WorkupsService } from './data-access/workups.service';
import type { ActionOutcome } from './dialogs/action-dialog';
import { WorkupDialogs } from './dialogs/workup-dialogs.service';
import type { WorkupStatusDialogData } from './dialogs/workup-status-dialog.component';
import { protocolOf } from './util/protocol';
import type { UpgradeOffer } from './util/upgrade-offer';
import { actionLabel } from './util/workup-labels';
import {
  defaultWorkup,
  UNKNOWN_PROTOCOL,
  WORKUP_TABS,
  type WorkupTab,
} from './util/workup-page';
import { overallLook } from './util/workup-looks';
import {
  CalendarDatePipe,
  ClinicDatePipe,
} from '../core/clock/clinic-time.pipes';

/** A patient and one of their workups: checklist, criteria summary, coverage matrix, verdict history. */
@Component({
  selector: 'pw-patient-workup-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CalendarDatePipe,
    ClinicDatePipe,
    NgTemplateOutlet,
    RouterLink,
    MatButtonModule,
    MatProgressBarModule,
    MatTabsModule,
    DownloadButtonComponent,
    ErrorAlertComponent,
    StatusChipComponent,
    ChecklistComponent,
    CoverageMatrixComponent,
    CriteriaSummaryComponent,
    VerdictHistoryComponent,
    WorkupOverviewComponent,
    UpgradeOfferComponent,
    FollowupSectionComponent,
  ],
  templateUrl: './patient-workup-page.component.html',
  styleUrl: './patient-workup-page.component.scss',
})
export default class PatientWorkupPageComponent {
  /** Route parameter: the patient's id. */
  readonly id = input.required<string>();
  /** `?workup=`: which of the patient's workups to show. */
  readonly workup = input<string>();
  /** `?item=`: the item a link (the worklist's) lands on: scrolled to and highlighted. */
  readonly item = input<string>();
  /** `?tab=`: the open tab, so a reload or a shared link keeps it; the checklist by default. */
  readonly tab = input<string>();

  private readonly patients = inject(PatientsService);
  private readonly workups = inject(WorkupsService);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly workupDialogs = inject(WorkupDialogs);

  protected readonly role = this.auth.role;
  /** On a phone the page's buttons leave the sticky header, which keeps only the patient. */
  protected readonly handset = inject(ViewportService).handset;
  private readonly patientRevision = signal(0);
  protected readonly patientState = loadState(
    computed(() => ({ id: this.id(), revision: this.patientRevision() })),
    (q) => this.patients.get(q.id),
  );
  protected readonly patient = computed(() => {
    const patient = this.patientState().value;
    return patient !== undefined && patient.id === this.id() ? patient : null;
  });

  protected readonly selectedWorkupId = computed(
    () =>
      this.workup() ?? defaultWorkup(this.patient()?.workups ?? [])?.id ?? null,
  );
  private readonly workupRevision = signal(0);
  protected readonly workupState = loadState(
    computed(() => ({
      id: this.selectedWorkupId(),
      revision: this.workupRevision(),
    })),
    (q) => (q.id === null ? of(null) : this.workups.get(q.id)),
  );
  /** The workup on screen: as loaded, then as each action's answer replaced it. */
  protected readonly current = linkedSignal<WorkupView | null>(
    () => this.workupState().value ?? null,
  );
  protected readonly shown = computed(() => {
    const workup = this.current();
    return workup !== null && workup.patientId === this.id() ? workup : null;
  });
  protected readonly protocol = computed(() => {
    const workup = this.shown();
    return workup === null ? null : protocolOf(workup.protocol);
  });

  protected readonly canOpenWorkup = computed(() => {
    const patient = this.patient();
    return (
      patient !== null &&
      this.auth.may('workup.open') &&
      !patient.workups.some((w) => w.status === 'open')
    );
  });
  protected readonly canExportFhir = computed(() =>
    this.auth.may('fhir.export'),
  );
  protected readonly fhir = new Download();
  protected readonly pageError = signal<ErrorMessage | null>(null);
  /** What the last change did, announced to screen readers. */
  protected readonly announcement = signal('');
  protected readonly opening = signal(false);

  protected readonly patientName = patientName;
  protected readonly sexLabel = sexLabel;
  protected readonly overallLook = overallLook;

  protected openWorkup(): void {
    const patient = this.patient();
    if (patient === null || this.opening()) {
      return;
    }
    this.opening.set(true);
    this.pageError.set(null);
    this.patients.openWorkup(patient.id).subscribe({
      next: (workup) => {
        this.opening.set(false);
        this.current.set(workup);
        this.announcement.set('Workup opened.');
        this.patientRevision.update((n) => n + 1);
        void this.router.navigate([], {
          queryParams: { workup: workup.id },
          replaceUrl: true,
        });
      },
      error: (error: unknown) => {
        this.opening.set(false);
        this.pageError.set({
          ...describeError(error, 'patient'),
          reloadable: true,
        });
      },
    });
  }

  /** Saves the workup on screen as a FHIR Bundle. */
  protected exportFhir(): void {
    const patient = this.patient();
    const workup = this.shown();
    if (patient !== null && workup !== null) {
      this.fhir.start(this.workups.fhirExport(patient, workup.id));
    }
  }

  protected act({ item, action }: ItemActionRequest): void {
    const workup = this.shown();
    const protocol = this.protocol();
    if (workup === null) {
      return;
    }
    if (action === 'result' && protocol === null) {
      this.pageError.set(UNKNOWN_PROTOCOL);
      return;
    }
    const label = actionLabel(action, item.status);
    this.workupDialogs
      .itemAction(workup.id, item, action, protocol)
      .subscribe((outcome) =>
        this.apply(outcome, `${label}: saved for ${item.name}.`),
      );
  }

  protected changeWorkupStatus(change: WorkupStatusDialogData['change']): void {
    const workup = this.shown();
    if (workup === null) {
      return;
    }
    this.workupDialogs.changeStatus(workup, change).subscribe((outcome) => {
      this.apply(
        outcome,
        change === 'close' ? 'Workup closed.' : 'Workup reopened.',
      );
      if (outcome?.kind === 'updated') {
        this.patientRevision.update((n) => n + 1);
      }
    });
  }

  protected upgrade(offer: UpgradeOffer): void {
    const workup = this.shown();
    if (workup === null) {
      return;
    }
    this.workupDialogs
      .upgrade(workup, offer)
      .subscribe((outcome) =>
        this.apply(outcome, `Workup moved to protocol version ${offer.to}.`),
      );
  }

  protected signOff(): void {
    const workup = this.shown();
    if (workup === null) {
      return;
    }
    this.workupDialogs
      .signOff(workup)
      .subscribe((outcome) => this.apply(outcome, 'Evaluation signed off.'));
  }

  protected readonly tabIndex = computed(() =>
    Math.max(0, WORKUP_TABS.indexOf(this.tab() as WorkupTab)),
  );

  protected selectTab(index: number): void {
    const tab = WORKUP_TABS[index] ?? 'checklist';
    if (index === this.tabIndex()) {
      return;
    }
    void this.router.navigate([], {
      queryParams: { tab: tab === 'checklist' ? null : tab },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected showHistory(item: WorkupItemView): void {
    const workup = this.shown();
    if (workup === null) {
      return;
    }
    this.workupDialogs.history(workup.id, item, this.protocol());
  }

  protected reloadWorkup(): void {
    this.pageError.set(null);
    this.workupRevision.update((n) => n + 1);
  }

  protected reloadPatient(): void {
    this.pageError.set(null);
    this.patientRevision.update((n) => n + 1);
  }

  private apply(outcome: ActionOutcome | undefined, message: string): void {
    if (outcome?.kind === 'updated') {
      this.current.set(outcome.workup);
      this.announcement.set(message);
    } else if (outcome?.kind === 'reload') {
      this.announcement.set('Reloaded the latest workup.');
      this.reloadWorkup();
    }
  }
}
