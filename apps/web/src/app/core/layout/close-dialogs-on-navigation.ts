import { Injector, inject } from '@angular/core';
import { NavigationStart, Router } from '@angular/router';
import { filter } from 'rxjs';

/**
 * Dialogs live in the overlay container, not in the page that opened them, so a navigation
 * (a link, the session ending and sending the user to sign-in) would leave them open over the
 * next page. Closes them whenever a navigation starts. The dialog module is imported lazily:
 * it is already loaded whenever a dialog is open, and stays out of the initial bundle.
 */
export function closeDialogsOnNavigation(): void {
  const injector = inject(Injector);
  inject(Router)
    .events.pipe(filter((event) => event instanceof NavigationStart))
    .subscribe(() => {
      void import('@angular/material/dialog').then(({ MatDialog }) =>
        injector.get(MatDialog).closeAll(),
      );
    });
}
