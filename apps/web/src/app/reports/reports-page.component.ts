import { ChangeDetectionStrategy, Component } from '@angular/core';

// A placeholder until the reports task lands; the route and its permission are final.
@Component({
  selector: 'pw-reports-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="page-title">Reports</h1>
    <p>Workup completion reports will be available here.</p>
  `,
})
export default class ReportsPageComponent {}
