import { ChangeDetectionStrategy, Component } from '@angular/core';

// A placeholder until the audit task lands; the route and its permission are final.
@Component({
  selector: 'pw-audit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="page-title">Audit</h1>
    <p>The audit trail and its verification will be available here.</p>
  `,
})
export default class AuditPageComponent {}
