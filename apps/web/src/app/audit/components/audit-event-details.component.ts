import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import {
  formatClinicDateTime,
  readableAuditDetails,
  readableAuditDiff,
  type HistoryValue,
} from '@poems/domain';
import { type AuditEventView } from '@poems/contract';
import { clinicZone } from '../../core/clock/clinic-zone';

/** One changed field of an event's diff. */
export interface DiffRow {
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

/** A value in words, an instant on the clinic clock; `—` for nothing. */
export function displayValue(value: HistoryValue | null): string {
  if (value === null) {
    return '—';
  }
  return typeof value === 'string'
    ? value
    : formatClinicDateTime(value.at, clinicZone(), 'seconds');
}

/**
 * The rows of a diff, in words: a result and findings expanded into values with their units and
 * criteria; a field of an unexpected shape is still shown, as the value after the change.
 */
export function diffRows(diff: AuditEventView['diff']): readonly DiffRow[] {
  return readableAuditDiff(diff).map((change) => ({
    field: change.field,
    before: displayValue(change.from),
    after: displayValue(change.to),
  }));
}

/** The details of an event: its changes field by field, then its other facts. */
@Component({
  selector: 'pw-audit-event-details',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (diff().length > 0) {
      <table class="diff">
        <caption class="diff__caption">
          Changes recorded by event
          {{
            event().id
          }}
        </caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          @for (row of diff(); track row.field) {
            <tr>
              <th scope="row">{{ row.field }}</th>
              <td>{{ row.before }}</td>
              <td>{{ row.after }}</td>
            </tr>
          }
        </tbody>
      </table>
    } @else {
      <p class="none">No field changes recorded.</p>
    }
    <dl class="facts">
      @for (fact of facts(); track $index) {
        <div>
          <dt>{{ fact.label }}</dt>
          <dd>
            @if (fact.code) {
              <code>{{ fact.value }}</code>
            } @else {
              {{ fact.value }}
            }
          </dd>
        </div>
      }
    </dl>
  `,
  styles: `
    :host {
      display: block;
      padding: 0.5rem 0 1rem;
    }
    .diff {
      border-collapse: collapse;
      margin-block-end: 0.75rem;
      font: var(--mat-sys-body-medium);
    }
    .diff__caption {
      text-align: start;
      font: var(--mat-sys-title-small);
      margin-block-end: 0.25rem;
    }
    .diff th,
    .diff td {
      padding: 0.25rem 0.75rem 0.25rem 0;
      text-align: start;
      vertical-align: top;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .none {
      margin: 0 0 0.75rem;
      color: var(--pw-muted-fg);
    }
    .facts {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr));
      gap: 0.5rem 1.5rem;
      margin: 0;

      div {
        min-width: 0;
      }
      dt {
        font: var(--mat-sys-label-large);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
    }
  `,
})
export class AuditEventDetailsComponent {
  readonly event = input.required<AuditEventView>();

  protected readonly diff = computed(() => diffRows(this.event().diff));
  protected readonly facts = computed(() => {
    const e = this.event();
    const id = (label: string, value: string | null) => ({
      label,
      value: value ?? '—',
      code: value !== null,
    });
    return [
      ...readableAuditDetails(e.details).map((fact) => ({
        label: fact.label,
        value: displayValue(fact.value),
        code: false,
      })),
      id('Event id', e.id),
      id('Actor id', e.actorId),
      id('Entity id', e.entityId),
      id('Request id', e.requestId),
      id('Client IP', e.clientIp),
    ];
  });
}
