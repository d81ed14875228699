import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatCardModule } from '@angular/material/card';

@Component({
  selector: 'pw-home-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatCardModule],
  template: `
    <h1 class="page-title">Diagnostic workups</h1>
    <mat-card appearance="outlined">
      <mat-card-content>
        <p>
          For each patient with suspected POEMS syndrome, the tracker lists the
          tests of the workup protocol, records their results, and evaluates the
          diagnostic criteria: met, not met, or still incomplete and which tests
          would settle them.
        </p>
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    .page-title {
      font: var(--mat-sys-headline-small);
      margin: 0 0 1rem;
    }

    p {
      margin: 0;
    }
  `,
})
export default class HomePageComponent {}
