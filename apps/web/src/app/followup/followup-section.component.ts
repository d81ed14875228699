import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { INTENTS_FOR_FORM, REGIMENS_FOR_FORM } from './followup-form-options';
import {
  RESPONSE_DOMAINS,
  type LineFollowup,
  type RuleBasis,
} from '@poems/domain';
import { type FollowupInstanceView, type FollowupView } from '@poems/contract';
import type { Observable } from 'rxjs';
import { describeError, type ErrorMessage } from '../core/api/error-message';
import { AuthService } from '../core/auth/auth.service';
import { loadState } from '../core/data/load-state';
import { ErrorAlertComponent } from '../core/ui/error-alert.component';
import {
  categoryLook,
  categoryText,
  DOMAIN_LABELS,
  evidenceOf,
  PHASES,
  summaryText,
  trackerDefaultTooltip,
} from './followup-labels';
import {
  FollowupInstancesComponent,
  type InstanceRequest,
} from './followup-instances.component';
import { ITEM_DOMAIN } from './followup-result-body';
import { FollowupService } from './followup.service';
import { FollowupTrendsComponent } from './followup-trends.component';
import { TrackerDefaultComponent } from './tracker-default.component';

/** Where a phase stands on the timeline. */
type PhaseState = 'done' | 'current' | 'to come';

/**
 * The phases after the workup (poems-followup.md) as a timeline, and for each treatment line a
 * grid of time points × domains with each category in words and colour, the reason a domain is
 * not evaluable, the summary and the relapse/progression event. Every figure that depends on a
 * tracker default is marked so, with a tooltip naming the rules. Hematologists sign off, stage,
 * record risk, lines and results here.
 */
@Component({
  selector: 'pw-followup-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ErrorAlertComponent,
    FollowupInstancesComponent,
    FollowupTrendsComponent,
    TrackerDefaultComponent,
  ],
  templateUrl: './followup-section.component.html',
  styleUrl: './followup-section.component.scss',
})
export class FollowupSectionComponent {
  readonly patientId = input.required<string>();
  /** The workup on screen, from which a diagnosis can be signed off when its criteria are met. */
  readonly workupId = input<string | null>(null);
  readonly workupOverall = input<string | null>(null);

  private readonly followup = inject(FollowupService);
  private readonly auth = inject(AuthService);

  private readonly revision = signal(0);
  protected readonly state = loadState(
    computed(() => ({ id: this.patientId(), revision: this.revision() })),
    (q) => this.followup.get(q.id),
  );
  protected readonly view = linkedSignal<FollowupView | null>(
    () => this.state().value ?? null,
  );
  protected readonly error = signal<ErrorMessage | null>(null);
  protected readonly saving = signal(false);
  protected readonly canRecord = computed(() =>
    this.auth.may('followup.record'),
  );
  protected readonly canSchedule = computed(() =>
    this.auth.may('followup.schedule'),
  );
  protected readonly domains = RESPONSE_DOMAINS;
  protected readonly domainLabels = DOMAIN_LABELS;
  protected readonly categoryText = categoryText;
  protected readonly categoryLook = categoryLook;
  protected readonly summaryText = summaryText;
  protected readonly intents = INTENTS_FOR_FORM;
  protected readonly regimens = REGIMENS_FOR_FORM;

  protected readonly phases = computed(() => {
    const view = this.view();
    const states: PhaseState[] = [
      view?.diagnosis ? 'done' : 'current',
      view?.diagnosis ? 'done' : 'to come',
      !view?.diagnosis ? 'to come' : view.staging ? 'done' : 'current',
      !view?.diagnosis ? 'to come' : view.lines.length > 0 ? 'done' : 'current',
      view && view.lines.length > 0 ? 'current' : 'to come',
    ];
    return PHASES.map((name, i) => ({ name, state: states[i] as PhaseState }));
  });

  protected readonly signOffForm = new FormGroup({
    diagnosisDate: new FormControl('', { nonNullable: true }),
  });
  protected readonly stagingForm = new FormGroup({
    boneLesionCount: new FormControl('', { nonNullable: true }),
    marrowClone: new FormControl('', { nonNullable: true }),
    extramedullaryPlasmacytomaCount: new FormControl('', { nonNullable: true }),
  });
  protected readonly riskForm = new FormGroup({
    date: new FormControl('', { nonNullable: true }),
    pleuralEffusion: new FormControl('', { nonNullable: true }),
    pasp: new FormControl('', { nonNullable: true }),
    egfr: new FormControl('', { nonNullable: true }),
    egfrMethod: new FormControl('', { nonNullable: true }),
    albumin: new FormControl('', { nonNullable: true }),
  });
  protected readonly lineForm = new FormGroup({
    intent: new FormControl('first_line', { nonNullable: true }),
    regimenClass: new FormControl('', { nonNullable: true }),
    regimenText: new FormControl('', { nonNullable: true }),
    startDate: new FormControl('', { nonNullable: true }),
    endDate: new FormControl('', { nonNullable: true }),
    transplantDate: new FormControl('', { nonNullable: true }),
  });
  /** The instance whose result was just recorded: its domain's answer is shown with its evidence. */
  private readonly lastRecorded = signal<FollowupInstanceView | null>(null);
  protected readonly response = computed(() => {
    const instance = this.lastRecorded();
    const view = this.view();
    if (instance === null || !view?.evaluation) {
      return null;
    }
    const domain = ITEM_DOMAIN[instance.itemKey];
    const where = `${instance.itemKey.replace(/_/g, ' ')} ${instance.timePoint}`;
    if (domain === undefined) {
      return { where, domain: null, assessment: null, evidence: [] };
    }
    const assessment =
      view.evaluation.lines
        .find((l) => l.line.id === instance.lineId)
        ?.timePoints.find((t) => t.key === instance.timePoint)
        ?.domains.find((d) => d.domain === domain) ?? null;
    return {
      where,
      domain: DOMAIN_LABELS[domain] ?? domain,
      assessment,
      evidence:
        assessment?.status === 'assessed'
          ? evidenceOf(assessment, view.rules)
          : [],
    };
  });

  /** The tooltip of a figure that depends on tracker defaults ('' when none). */
  protected tooltip(basis: RuleBasis): string {
    const view = this.view();
    return view
      ? trackerDefaultTooltip(basis, view.rules, view.trackerDefaultNotice)
      : '';
  }

  protected lineTitle(line: LineFollowup): string {
    const l = line.line;
    return `Line ${l.lineNumber}: ${l.regimenClass.replace(/_/g, ' ')}${l.regimenText ? ` (${l.regimenText})` : ''}, from ${l.startDate}${l.endDate ? ` to ${l.endDate}` : ''}`;
  }

  protected reasonText(reason: string | undefined): string {
    return reason ? reason.replace(/_/g, ' ') : '';
  }

  protected signOff(): void {
    const workupId = this.workupId();
    if (workupId === null) {
      return;
    }
    const date = this.signOffForm.controls.diagnosisDate.value;
    this.save(
      this.followup.signOff(this.patientId(), {
        workupId,
        ...(date && { diagnosisDate: date }),
      }),
    );
  }

  protected recordStaging(): void {
    const f = this.stagingForm.getRawValue();
    const count = f.boneLesionCount.trim();
    this.save(
      this.followup.recordStaging(this.patientId(), {
        ...(count && {
          boneLesionCount: count === 'diffuse' ? 'diffuse' : Number(count),
        }),
        ...(f.marrowClone && { marrowClone: f.marrowClone }),
        ...(f.extramedullaryPlasmacytomaCount && {
          extramedullaryPlasmacytomaCount: Number(
            f.extramedullaryPlasmacytomaCount,
          ),
        }),
      }),
    );
  }

  protected recordRisk(): void {
    const f = this.riskForm.getRawValue();
    const date = f.date;
    const observations: Record<string, unknown>[] = [];
    if (f.pleuralEffusion) {
      observations.push({
        kind: 'pleural_effusion',
        date,
        present: f.pleuralEffusion === 'present',
      });
    }
    if (f.pasp) {
      observations.push({ kind: 'pasp', date, mmHg: Number(f.pasp) });
    }
    if (f.egfr) {
      observations.push({
        kind: 'egfr',
        date,
        value: Number(f.egfr),
        ...(f.egfrMethod && { method: f.egfrMethod }),
      });
    }
    if (f.albumin) {
      observations.push({ kind: 'albumin', date, gPerDl: Number(f.albumin) });
    }
    this.save(this.followup.recordRisk(this.patientId(), { observations }));
  }

  protected createLine(): void {
    const f = this.lineForm.getRawValue();
    this.save(
      this.followup.createLine(this.patientId(), {
        intent: f.intent,
        regimenClass: f.regimenClass,
        startDate: f.startDate,
        ...(f.regimenText && { regimenText: f.regimenText }),
        ...(f.endDate && { endDate: f.endDate, stopReason: 'completed' }),
        ...(f.transplantDate && { transplantDate: f.transplantDate }),
      }),
    );
  }

  protected instancesOf(lineId: string): FollowupInstanceView[] {
    return (this.view()?.instances ?? []).filter((i) => i.lineId === lineId);
  }

  /** Sends an instance's schedule, done mark or result; a result's answer is shown with its evidence. */
  protected act(request: InstanceRequest): void {
    const { instance, action, body } = request;
    if (action === 'result') {
      this.save(
        this.followup.recordResult(this.patientId(), instance.id, body),
        () => this.lastRecorded.set(instance),
      );
    } else {
      this.save(
        this.followup.actOnInstance(
          this.patientId(),
          instance.id,
          action,
          body,
        ),
      );
    }
  }

  private save(
    request: Observable<FollowupView>,
    then: () => void = () => undefined,
  ): void {
    this.saving.set(true);
    this.error.set(null);
    request.subscribe({
      next: (view) => {
        this.saving.set(false);
        this.view.set(view);
        then();
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.error.set({
          ...describeError(error, 'patient'),
          reloadable: true,
        });
      },
    });
  }

  protected reload(): void {
    this.revision.update((n) => n + 1);
  }
}
