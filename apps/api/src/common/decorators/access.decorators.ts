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

/** Declares the permission a route needs; the global auth guard checks it against the caller's role. */
export const RequirePermission = (
  permission: Permission,
): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_PERMISSION, permission);
