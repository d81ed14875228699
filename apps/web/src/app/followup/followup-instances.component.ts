import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  output,
  signal,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { PET_IMPRESSIONS, type ItemStatus } from '@poems/domain';
import { type FollowupInstanceView } from '@poems/contract';
import {
  localDateTimeToIso,
  nowLocalDateTime,
  todayIso,
} from '../core/forms/dates';
import {
  followupResultBody,
  resultFieldSet,
  type ResultFormValue,
} from './followup-result-body';

/** What the user asked to do with an instance, with the API body (the version included). */
export interface InstanceRequest {
  readonly instance: FollowupInstanceView;
  readonly action: 'schedule' | 'perform' | 'result';
  readonly body: Record<string, unknown>;
}

const OPEN: readonly ItemStatus[] = [
  'planned',
  'ordered',
  'scheduled',
  'performed',
];

/**
 * A line's open follow-up instances, nearest due first, with what each role may do: coordinators
 * and hematologists schedule and mark done, hematologists record the result (the item's fields:
 * VEGF, ONLS/mRS, M-spike, immunofixation, free light chains, PET reader fields, chemistry).
 * One form at a time opens under the table; the parent sends it and shows the answer.
 */
@Component({
  selector: 'pw-followup-instances',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
  ],
  templateUrl: './followup-instances.component.html',
  styleUrl: './followup-section.component.scss',
})
export class FollowupInstancesComponent {
  readonly instances = input.required<readonly FollowupInstanceView[]>();
  readonly lineLabel = input.required<string>();
  readonly canRecord = input(false);
  readonly canSchedule = input(false);
  readonly saving = input(false);
  readonly requested = output<InstanceRequest>();

  protected readonly open = computed(() =>
    this.instances()
      .filter((i) => i.active && OPEN.includes(i.status))
      .sort((a, b) =>
        a.dueDate === b.dueDate
          ? a.itemKey.localeCompare(b.itemKey)
          : a.dueDate < b.dueDate
            ? -1
            : 1,
      ),
  );
  protected readonly selected = signal<{
    readonly instance: FollowupInstanceView;
    readonly action: InstanceRequest['action'];
  } | null>(null);
  protected readonly fieldSet = computed(() => {
    const s = this.selected();
    return s ? resultFieldSet(s.instance.itemKey) : null;
  });
  protected readonly impressions = PET_IMPRESSIONS;

  private readonly text = (value = ''): FormControl<string> =>
    new FormControl(value, { nonNullable: true });
  private readonly number = (): FormControl<number | null> =>
    new FormControl<number | null>(null);
  protected readonly scheduleForm = new FormGroup({
    scheduledAt: this.text(),
    location: this.text(),
  });
  protected readonly performForm = new FormGroup({
    performedAt: this.text(),
  });
  protected readonly resultForm = new FormGroup({
    performedOn: this.text(),
    value: this.number(),
    uln: this.number(),
    specimen: this.text('plasma'),
    onlsArm: this.number(),
    onlsLeg: this.number(),
    mrs: this.number(),
    heavyChain: this.text(),
    lightChain: this.text(),
    kappa: this.number(),
    lambda: this.number(),
    avidLesionCount: this.number(),
    newLesion: this.text(),
    impression: this.text(),
    creatinine: this.number(),
    albumin: this.number(),
    report: this.text(),
  });

  protected itemName(instance: FollowupInstanceView): string {
    return instance.itemKey.replace(/_/g, ' ');
  }

  protected choose(
    instance: FollowupInstanceView,
    action: InstanceRequest['action'],
  ): void {
    this.selected.set({ instance, action });
    if (action === 'schedule') {
      this.scheduleForm.reset({
        scheduledAt: `${instance.targetDate}T09:00`,
        location: instance.location ?? '',
      });
    } else if (action === 'perform') {
      this.performForm.reset({ performedAt: nowLocalDateTime() });
    } else {
      this.resultForm.reset({ specimen: 'plasma', performedOn: todayIso() });
    }
  }

  protected close(): void {
    this.selected.set(null);
  }

  protected submit(): void {
    const s = this.selected();
    if (s === null) {
      return;
    }
    const version = { version: s.instance.version };
    switch (s.action) {
      case 'schedule': {
        const f = this.scheduleForm.getRawValue();
        this.requested.emit({
          ...s,
          body: {
            ...version,
            scheduledAt: localDateTimeToIso(f.scheduledAt) ?? f.scheduledAt,
            ...(f.location.trim() !== '' && { location: f.location.trim() }),
          },
        });
        break;
      }
      case 'perform': {
        const f = this.performForm.getRawValue();
        this.requested.emit({
          ...s,
          body: {
            ...version,
            performedAt: localDateTimeToIso(f.performedAt) ?? f.performedAt,
          },
        });
        break;
      }
      case 'result':
        this.requested.emit({
          ...s,
          body: {
            ...version,
            ...followupResultBody(
              s.instance.itemKey,
              this.resultForm.getRawValue() satisfies ResultFormValue,
            ),
          },
        });
        break;
    }
    this.selected.set(null);
  }
}
