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
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { Router, RouterLink } from '@angular/router';
import { getCatalogItem } from '@poems/domain';
import {
  type PatientWorkupView,
  type WorkupItemView,
  type WorkupView,
} from '@poems/contract';
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
import {
  ItemHistoryPanelComponent,
  type ItemHistoryPanelData,
} from './components/item-history-panel.component';
import { WorkupOverviewComponent } from './components/workup-overview.component';
import { UpgradeOfferComponent } from './components/upgrade-offer.component';
import { WorkupsService } from './data-access/workups.service';
import type { ActionOutcome, ActionTarget } from './dialogs/action-dialog';
import { ItemActionDialogs } from './dialogs/item-action-dialogs.service';
import {
  WorkupStatusDialogComponent,
  type WorkupStatusDialogData,
} from './dialogs/workup-status-dialog.component';
import { protocolOf } from './util/protocol';
import type { UpgradeOffer } from './util/upgrade-offer';
import {
  UpgradeDialogComponent,
  type UpgradeDialogData,
} from './dialogs/upgrade-dialog.component';
import {
  SignOffDialogComponent,
  type SignOffDialogData,
} from './dialogs/sign-off-dialog.component';
import { actionLabel } from './util/workup-labels';
import { overallLook } from './util/workup-looks';
import {
  CalendarDatePipe,
  ClinicDatePipe,
} from '../core/clock/clinic-time.pipes';

/** The workup shown when the URL names none: the open one, else the most recently opened. */
function defaultWorkup(
  workups: readonly PatientWorkupView[],
): PatientWorkupView | undefined {
  return (
    workups.find((w) => w.status === 'open') ??
    [...workups].sort((a, b) => b.openedAt.localeCompare(a.openedAt))[0]
  );
}

/** The workup page's tabs in order, as `?tab=` names them. */
export const WORKUP_TABS = [
  'checklist',
  'summary',
  'coverage',
  'followup',
  'verdicts',
] as const;
type WorkupTab = (typeof WORKUP_TABS)[number];

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
  private readonly dialog = inject(MatDialog);
  private readonly actionDialogs = inject(ItemActionDialogs);

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
    if (workup === null) {
      return;
    }
    const target: ActionTarget = {
      workupId: workup.id,
      key: item.key,
      name: item.name,
      version: item.version,
      status: item.status,
      dueDate: item.dueDate,
      scheduledAt: item.scheduledAt,
      location: item.location,
      performedAt: item.performedAt,
    };
    const label = actionLabel(action, item.status);
    if (action === 'result') {
      const protocol = this.protocol();
      if (protocol === null) {
        this.pageError.set({
          kind: 'unexpected',
          title: 'This version of the app does not know the workup’s protocol',
          detail: 'Reload the page to get the latest version.',
          reloadable: false,
        });
        return;
      }
      this.actionDialogs
        .openResult({
          action,
          target,
          protocol,
          catalogItem: getCatalogItem(protocol, item.key),
          result: item.result,
        })
        .subscribe((outcome) =>
          this.apply(outcome, `${label}: saved for ${item.name}.`),
        );
      return;
    }
    this.actionDialogs
      .open({ action, target })
      .subscribe((outcome) =>
        this.apply(outcome, `${label}: saved for ${item.name}.`),
      );
  }

  protected changeWorkupStatus(change: WorkupStatusDialogData['change']): void {
    const workup = this.shown();
    if (workup === null) {
      return;
    }
    this.dialog
      .open<WorkupStatusDialogComponent, WorkupStatusDialogData, ActionOutcome>(
        WorkupStatusDialogComponent,
        {
          data: { change, workup },
          width: 'min(32rem, 95vw)',
        },
      )
      .afterClosed()
      .subscribe((outcome) => {
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
    this.dialog
      .open<UpgradeDialogComponent, UpgradeDialogData, ActionOutcome>(
        UpgradeDialogComponent,
        { data: { workup, offer }, width: 'min(32rem, 95vw)' },
      )
      .afterClosed()
      .subscribe((outcome) =>
        this.apply(outcome, `Workup moved to protocol version ${offer.to}.`),
      );
  }

  protected signOff(): void {
    const workup = this.shown();
    if (workup === null) {
      return;
    }
    this.dialog
      .open<SignOffDialogComponent, SignOffDialogData, ActionOutcome>(
        SignOffDialogComponent,
        { data: { workup }, width: 'min(32rem, 95vw)' },
      )
      .afterClosed()
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
    this.dialog.open<ItemHistoryPanelComponent, ItemHistoryPanelData>(
      ItemHistoryPanelComponent,
      {
        data: { workupId: workup.id, item, protocol: this.protocol() },
        position: { right: '0', top: '0' },
        height: '100vh',
        width: 'min(30rem, 100vw)',
        maxWidth: '100vw',
        panelClass: 'pw-side-panel',
      },
    );
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
