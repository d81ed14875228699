import { safeReturnUrl } from './return-url';

describe('safeReturnUrl', () => {
  it.each(['/patients', '/patients/p-1?workup=w-1', '/users?page=2'])(
    'keeps the in-app path %s',
    (url) => {
      expect(safeReturnUrl(url)).toBe(url);
    },
  );

  it.each([
    ['another origin', 'https://evil.example/'],
    ['a protocol-relative URL', '//evil.example/'],
    ['a backslash trick', '/\\evil.example'],
    ['a script URL', 'javascript:alert(1)'],
    ['the sign-in page itself', '/sign-in?returnUrl=%2Fusers'],
    ['nothing', undefined],
  ])('refuses %s', (_what, url) => {
    expect(safeReturnUrl(url)).toBeNull();
  });
});
