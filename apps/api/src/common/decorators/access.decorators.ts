import { SetMetadata } from '@nestjs/common';
import type { Permission } from '@poems/domain';

/** Metadata key of {@link Public}. */
export const IS_PUBLIC = 'poems:is-public';

/** Metadata key of {@link RequirePermission}. */
export const REQUIRED_PERMISSION = 'poems:required-permission';

/**
 * Marks a route (or a whole controller) as callable without a token. The global auth guard skips
 * such routes; every other route must name its permission.
 */
export const Public = (): MethodDecorator & ClassDecorator =>
  SetMetadata(IS_PUBLIC, true);

/** Metadata key of {@link AcceptsFeedToken}. */
export const ACCEPTS_FEED_TOKEN = 'poems:accepts-feed-token';

/**
 * Lets a route also authenticate with a calendar feed token in `?feed=` (calendar apps cannot send
 * headers). The route still declares its permission, checked against the token's user.
 */
export const AcceptsFeedToken = (): MethodDecorator =>
  SetMetadata(ACCEPTS_FEED_TOKEN, true);

/** Declares the permission a route needs; the global auth guard checks it against the caller's role. */
export const RequirePermission = (
  permission: Permission,
): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_PERMISSION, permission);

/** Metadata key of {@link AllowedBeforeMfaEnrolment}. */
export const ALLOWED_BEFORE_MFA_ENROLMENT =
  'poems:allowed-before-mfa-enrolment';

/**
 * Lets a user who must still set up two-step sign-in call the route (who am I, renew, sign out,
 * the enrolment itself); every other route answers `mfa_enrolment_required` until they have.
 */
export const AllowedBeforeMfaEnrolment = (): MethodDecorator =>
  SetMetadata(ALLOWED_BEFORE_MFA_ENROLMENT, true);
