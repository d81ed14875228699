import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
} from '@angular/core';
import type { AuditEventView } from '@poems/domain';

/** One changed field of an event's diff. */
export interface DiffRow {
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

/** A JSON value as one line of text; `—` for nothing. */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined || value === '') {
    return '—';
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The rows of a diff. The API writes `{ field: { from, to } }`; any other shape is still shown,
 * as the value after the change, rather than hidden from the auditor.
 */
export function diffRows(diff: AuditEventView['diff']): readonly DiffRow[] {
  return Object.entries(diff ?? {}).map(([field, change]) =>
    isRecord(change) && 'from' in change && 'to' in change
      ? {
          field,
          before: displayValue(change['from']),
          after: displayValue(change['to']),
        }
      : { field, before: '—', after: displayValue(change) },
  );
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
              <td>
                <code>{{ row.before }}</code>
              </td>
              <td>
                <code>{{ row.after }}</code>
              </td>
            </tr>
          }
        </tbody>
      </table>
    } @else {
      <p class="none">No field changes recorded.</p>
    }
    <dl class="facts">
      @for (fact of facts(); track fact.label) {
        <div>
          <dt>{{ fact.label }}</dt>
          <dd>
            @if (fact.block) {
              <pre>{{ fact.value }}</pre>
            } @else {
              <code>{{ fact.value }}</code>
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
      pre {
        margin: 0;
        white-space: pre-wrap;
        font: var(--mat-sys-body-small);
      }
    }
  `,
})
export class AuditEventDetailsComponent {
  readonly event = input.required<AuditEventView>();

  protected readonly diff = computed(() => diffRows(this.event().diff));
  protected readonly facts = computed(() => {
    const e = this.event();
    const details =
      e.details === null || Object.keys(e.details).length === 0
        ? []
        : [
            {
              label: 'Details',
              value: JSON.stringify(e.details, null, 2),
              block: true,
            },
          ];
    return [
      { label: 'Event id', value: e.id, block: false },
      { label: 'Actor id', value: displayValue(e.actorId), block: false },
      { label: 'Entity id', value: displayValue(e.entityId), block: false },
      { label: 'Request id', value: displayValue(e.requestId), block: false },
      { label: 'Client IP', value: displayValue(e.clientIp), block: false },
      ...details,
    ];
  });
}
