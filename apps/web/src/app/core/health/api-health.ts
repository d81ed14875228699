/** What the shell knows about the API and its database. */
export type ApiHealth =
  | { readonly kind: 'checking' }
  | { readonly kind: 'reachable'; readonly database: 'up' | 'down' }
  | { readonly kind: 'unavailable' };

export const CHECKING: ApiHealth = { kind: 'checking' };
