import { inject } from '@angular/core';
import {
  Router,
  type CanActivateFn,
  type CanMatchFn,
  type UrlTree,
} from '@angular/router';
import type { Permission, Role } from '@poems/domain';
import { AuthService } from './auth.service';

function signInFor(router: Router, url: string): UrlTree {
  return router.createUrlTree(['/sign-in'], {
    queryParams: { returnUrl: url },
  });
}

/**
 * Lets a signed-in user through when their role holds every listed permission; sends a
 * signed-out user to sign-in (remembering the page) and anyone else to the forbidden page.
 */
export function requirePermissions(
  ...permissions: Permission[]
): CanActivateFn {
  return (_route, state) => {
    const auth = inject(AuthService);
    const router = inject(Router);
    if (!auth.signedIn()) {
      return signInFor(router, state.url);
    }
    return permissions.every((p) => auth.may(p))
      ? true
      : router.createUrlTree(['/forbidden']);
  };
}

/** Any signed-in user. */
export const signedInGuard: CanActivateFn = (_route, state) => {
  const auth = inject(AuthService);
  return auth.signedIn() ? true : signInFor(inject(Router), state.url);
};

/** The sign-in page is for signed-out users; a signed-in one goes to their start page. */
export const signedOutGuard: CanMatchFn = () => {
  const auth = inject(AuthService);
  const role = auth.role();
  return role === null ? true : inject(Router).parseUrl(homeOf(role));
};

/** Where a role starts: admins manage users, everyone else works with patients. */
export function homeOf(role: Role): string {
  return role === 'admin' ? '/users' : '/patients';
}

/** The start page: the role's home when signed in, else sign-in. */
export const startPageRedirect = (): string | UrlTree => {
  const role = inject(AuthService).role();
  return role === null ? '/sign-in' : homeOf(role);
};
