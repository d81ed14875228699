import { inject } from '@angular/core';
import {
  Router,
  type CanActivateFn,
  type CanMatchFn,
  type UrlTree,
} from '@angular/router';
import type { Permission } from '@poems/domain';
import { AuthService, MFA_ENROLMENT_PATH } from './auth.service';
import { homeOf } from './home';

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
    if (auth.mfaEnrolmentRequired()) {
      return router.parseUrl(MFA_ENROLMENT_PATH);
    }
    return permissions.every((p) => auth.may(p))
      ? true
      : router.createUrlTree(['/forbidden']);
  };
}

/** Any signed-in user who has set up two-step sign-in where their role requires it. */
export const signedInGuard: CanActivateFn = (_route, state) => {
  const auth = inject(AuthService);
  if (!auth.signedIn()) {
    return signInFor(inject(Router), state.url);
  }
  return auth.mfaEnrolmentRequired()
    ? inject(Router).parseUrl(MFA_ENROLMENT_PATH)
    : true;
};

/** Any signed-in user, also one who must still set up two-step sign-in (its own page). */
export const signedInOnlyGuard: CanActivateFn = (_route, state) =>
  inject(AuthService).signedIn() ? true : signInFor(inject(Router), state.url);

/** The sign-in page is for signed-out users; a signed-in one goes to their start page. */
export const signedOutGuard: CanMatchFn = () => {
  const auth = inject(AuthService);
  const role = auth.role();
  if (role === null) {
    return true;
  }
  return inject(Router).parseUrl(
    auth.mfaEnrolmentRequired() ? MFA_ENROLMENT_PATH : homeOf(role),
  );
};

export { homeOf } from './home';

/** The start page: the role's home when signed in, else sign-in. */
export const startPageRedirect = (): string | UrlTree => {
  const auth = inject(AuthService);
  const role = auth.role();
  if (role === null) {
    return '/sign-in';
  }
  return auth.mfaEnrolmentRequired() ? MFA_ENROLMENT_PATH : homeOf(role);
};
