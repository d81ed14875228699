import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'pw-forbidden-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <h1 class="page-title">Not permitted</h1>
    <p>
      Your role does not give access to this page. If you need it, ask an
      administrator. <a routerLink="/">Go to your start page</a>.
    </p>
  `,
})
export default class ForbiddenPageComponent {}
