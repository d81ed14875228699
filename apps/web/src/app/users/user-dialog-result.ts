import type { ManagedUserView } from '@poems/contract';

/** How a user dialog closed: saved (with the user as now stored) or asking for a reload. */
export type UserDialogResult =
  | { readonly kind: 'saved'; readonly user: ManagedUserView }
  | { readonly kind: 'reload' };
