import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { startWith, switchMap } from 'rxjs';
import { type ApiHealth, CHECKING } from './api-health';
import { HealthService } from './health.service';

type Tone = 'pending' | 'ok' | 'warning' | 'error';

interface StatusView {
  readonly tone: Tone;
  readonly label: string;
  readonly detail: string | null;
}

function describe(health: ApiHealth): StatusView {
  switch (health.kind) {
    case 'checking':
      return { tone: 'pending', label: 'API: checking…', detail: null };
    case 'reachable':
      return health.database === 'up'
        ? { tone: 'ok', label: 'API: up / database: up', detail: null }
        : {
            tone: 'warning',
            label: 'API: up / database: unavailable',
            detail:
              'Workup data cannot be read or saved until the database is back.',
          };
    case 'unavailable':
      return {
        tone: 'error',
        label: 'API: unavailable',
        detail: 'The server cannot be reached. Nothing can be read or saved.',
      };
  }
}

@Component({
  selector: 'pw-api-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule],
  templateUrl: './api-status.component.html',
  styleUrl: './api-status.component.scss',
})
export class ApiStatusComponent {
  private readonly healthService = inject(HealthService);
  private readonly requested = signal(0);

  protected readonly health = toSignal(
    toObservable(this.requested).pipe(
      switchMap(() => this.healthService.check().pipe(startWith(CHECKING))),
    ),
    { initialValue: CHECKING },
  );
  protected readonly view = computed(() => describe(this.health()));

  protected recheck(): void {
    this.requested.update((n) => n + 1);
  }
}
