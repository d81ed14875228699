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
import { RESPONSE_DOMAINS, type RuleBasis } from '@poems/domain';
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
  summaryText,
  trackerDefaultTooltip,
} from './followup-labels';
import {
  FollowupInstancesComponent,
  type InstanceRequest,
} from './followup-instances.component';
import { FollowupService } from './followup.service';
import { FollowupTrendsComponent } from './followup-trends.component';
import { TrackerDefaultComponent } from './tracker-default.component';
import { lineTitle, phasesOf, responseTo } from './util/followup-progress';
import {
  lineRequest,
  riskRequest,
  stagingRequest,
} from './util/followup-requests';

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

  protected readonly phases = computed(() => phasesOf(this.view()));

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
  protected readonly response = computed(() =>
    responseTo(this.lastRecorded(), this.view()),
  );

  /** The tooltip of a figure that depends on tracker defaults ('' when none). */
  protected tooltip(basis: RuleBasis): string {
    const view = this.view();
    return view
      ? trackerDefaultTooltip(basis, view.rules, view.trackerDefaultNotice)
      : '';
  }

  protected readonly lineTitle = lineTitle;

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
    this.save(
      this.followup.recordStaging(
        this.patientId(),
        stagingRequest(this.stagingForm.getRawValue()),
      ),
    );
  }

  protected recordRisk(): void {
    this.save(
      this.followup.recordRisk(
        this.patientId(),
        riskRequest(this.riskForm.getRawValue()),
      ),
    );
  }

  protected createLine(): void {
    this.save(
      this.followup.createLine(
        this.patientId(),
        lineRequest(this.lineForm.getRawValue()),
      ),
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
