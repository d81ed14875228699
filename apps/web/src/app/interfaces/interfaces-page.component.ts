import {
  ChangeDetectionStrategy,
  Component,
  inject,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { CreatedApiKey, LabInterfaceView } from '@poems/contract';
import { describeError, type ErrorMessage } from '../core/api/error-message';
import { ErrorAlertComponent } from '../core/ui/error-alert.component';
import { InterfacesService } from './interfaces.service';
import { ApiKeysTableComponent } from './ui/api-keys-table.component';

/**
 * Laboratory interfaces (admins): who may send results (MSH-3/MSH-4), as which service identity;
 * API keys for the FHIR endpoint, shown once when made, rotated with an overlap, revoked.
 */
@Component({
  selector: 'pw-interfaces-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ApiKeysTableComponent,
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    ErrorAlertComponent,
  ],
  template: `
    <section class="interfaces">
      <h1>Laboratory interfaces</h1>
      <p>
        Each interface sends results as its own service identity. HL7 v2
        messages are matched to it by MSH-3 (application) and MSH-4 (facility);
        the FHIR endpoint takes its API key as a Bearer token.
      </p>
      @if (error(); as error) {
        <pw-error-alert [message]="error" />
      }
      <form
        class="interfaces__create"
        (ngSubmit)="create()"
        aria-label="New interface"
      >
        <mat-form-field
          ><mat-label>Name</mat-label
          ><input matInput name="name" required [(ngModel)]="name"
        /></mat-form-field>
        <mat-form-field
          ><mat-label>Sending application (MSH-3)</mat-label
          ><input matInput name="app" required [(ngModel)]="application"
        /></mat-form-field>
        <mat-form-field
          ><mat-label>Sending facility (MSH-4)</mat-label
          ><input matInput name="facility" required [(ngModel)]="facility"
        /></mat-form-field>
        <button mat-flat-button type="submit">Add interface</button>
      </form>
      @if (newKey(); as key) {
        <div class="interfaces__key" role="status">
          <p>
            <strong>New API key — copy it now, it is shown only once:</strong>
          </p>
          <code data-testid="new-api-key">{{ key.key }}</code>
        </div>
      }
      @for (iface of interfaces(); track iface.id) {
        <article class="iface" [attr.aria-label]="iface.name">
          <h2>
            {{ iface.name }}
            <small>{{ iface.enabled ? 'enabled' : 'disabled' }}</small>
          </h2>
          <p>
            Sender {{ iface.sendingApplication }} /
            {{ iface.sendingFacility }} · identity {{ iface.username }}
            @if (iface.tlsSubject; as subject) {
              · TLS certificate {{ subject }}
            }
          </p>
          <div class="iface__actions">
            <button mat-stroked-button type="button" (click)="toggle(iface)">
              {{ iface.enabled ? 'Disable' : 'Enable' }}
            </button>
            <button mat-stroked-button type="button" (click)="key(iface, 24)">
              New API key (old keys work 24 h more)
            </button>
            <button mat-button type="button" (click)="key(iface, 0)">
              New API key, old ones stop now
            </button>
          </div>
          <pw-api-keys-table
            [keys]="iface.keys"
            (revoke)="revoke(iface, $event)"
          />
        </article>
      }
    </section>
  `,
  styles: `
    .interfaces {
      max-width: 72rem;
      margin: 0 auto;
      padding: 1rem;
    }
    .interfaces__create {
      display: flex;
      gap: 0.5rem;
      flex-wrap: wrap;
      align-items: baseline;
    }
    .interfaces__key {
      padding: 0.5rem 1rem;
      border: 2px solid #1b5e20;
      border-radius: 8px;
      margin: 1rem 0;
      word-break: break-all;
    }
    .iface {
      border: 1px solid var(--mat-sys-outline-variant, #ccc);
      border-radius: 8px;
      padding: 0.5rem 1rem;
      margin-bottom: 1rem;
    }
    .iface__actions {
      display: flex;
      gap: 0.5rem;
      flex-wrap: wrap;
    }
  `,
})
export default class InterfacesPageComponent {
  private readonly api = inject(InterfacesService);
  protected readonly interfaces = signal<readonly LabInterfaceView[]>([]);
  protected readonly error = signal<ErrorMessage | null>(null);
  protected readonly newKey = signal<CreatedApiKey | null>(null);
  protected name = '';
  protected application = '';
  protected facility = '';

  constructor() {
    this.load();
  }

  protected create(): void {
    this.api
      .create({
        name: this.name.trim(),
        sendingApplication: this.application.trim(),
        sendingFacility: this.facility.trim(),
      })
      .subscribe({
        next: () => {
          this.name = this.application = this.facility = '';
          this.load();
        },
        error: (error: unknown) => this.error.set(describeError(error)),
      });
  }

  protected toggle(iface: LabInterfaceView): void {
    this.api
      .update(iface.id, { version: iface.version, enabled: !iface.enabled })
      .subscribe({
        next: () => this.load(),
        error: (error: unknown) => this.error.set(describeError(error)),
      });
  }

  protected key(iface: LabInterfaceView, overlapHours: number): void {
    this.api.createKey(iface.id, overlapHours).subscribe({
      next: (key) => {
        this.newKey.set(key);
        this.load();
      },
      error: (error: unknown) => this.error.set(describeError(error)),
    });
  }

  protected revoke(iface: LabInterfaceView, keyId: string): void {
    this.api.revokeKey(iface.id, keyId).subscribe({
      next: () => this.load(),
      error: (error: unknown) => this.error.set(describeError(error)),
    });
  }

  private load(): void {
    this.api.list().subscribe({
      next: (list) => {
        this.error.set(null);
        this.interfaces.set(list);
      },
      error: (error: unknown) => this.error.set(describeError(error)),
    });
  }
}
