import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'pw-not-found-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <h1 class="page-title">Page not found</h1>
    <p>
      There is nothing at this address.
      <a routerLink="/">Go to the start page</a>.
    </p>
  `,
})
export default class NotFoundPageComponent {}
