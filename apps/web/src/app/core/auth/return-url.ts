/**
 * A return URL from the query string, only if it is a path inside this app: anything else
 * (another origin, `//host`, `javascript:`) would make sign-in an open redirect.
 */
export function safeReturnUrl(value: string | null | undefined): string | null {
  if (
    !value ||
    !value.startsWith('/') ||
    value.startsWith('//') ||
    value.startsWith('/\\')
  ) {
    return null;
  }
  if (
    value === '/sign-in' ||
    value.startsWith('/sign-in?') ||
    value.startsWith('/sign-in/')
  ) {
    return null;
  }
  return value;
}
