import {
  ChangeDetectionStrategy,
  Component,
  input,
  output,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { ApiKeyView } from '@poems/contract';
import { ClinicDateTimePipe } from '../../core/clock/clinic-time.pipes';

/** An interface's API keys: prefix, created, expiry or revocation, last use; live ones revocable. */
@Component({
  selector: 'pw-api-keys-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ClinicDateTimePipe, MatButtonModule],
  template: `
    <table class="iface__keys">
      <caption>
        API keys
      </caption>
      <thead>
        <tr>
          <th scope="col">Key</th>
          <th scope="col">Created</th>
          <th scope="col">Expires</th>
          <th scope="col">Last used</th>
          <th scope="col"></th>
        </tr>
      </thead>
      <tbody>
        @for (k of keys(); track k.id) {
          <tr>
            <td>
              <code>{{ k.prefix }}…</code>
            </td>
            <td>{{ k.createdAt | clinicDateTime }}</td>
            <td>
              {{
                k.revokedAt
                  ? 'revoked'
                  : k.expiresAt
                    ? (k.expiresAt | clinicDateTime)
                    : 'never'
              }}
            </td>
            <td>
              {{ k.lastUsedAt ? (k.lastUsedAt | clinicDateTime) : '—' }}
            </td>
            <td>
              @if (!k.revokedAt) {
                <button mat-button type="button" (click)="revoke.emit(k.id)">
                  Revoke
                </button>
              }
            </td>
          </tr>
        } @empty {
          <tr>
            <td colspan="5">No key yet.</td>
          </tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    :host {
      display: block;
    }
    .iface__keys {
      border-collapse: collapse;
      margin-top: 0.5rem;
    }
    .iface__keys th,
    .iface__keys td {
      text-align: left;
      padding: 0.2rem 0.6rem;
    }
    caption {
      text-align: left;
      font-weight: 600;
    }
  `,
})
export class ApiKeysTableComponent {
  readonly keys = input.required<readonly ApiKeyView[]>();
  /** The id of the key to revoke. */
  readonly revoke = output<string>();
}
