import type { LoginResponse } from '@poems/contract';
import { call, type TestResponse } from './http';
import type { TestOidcProvider } from './oidc-test-provider';
import type { TestApp } from './test-app';

/** The single sign-on round trip of a browser, step by step, against a test app and provider. */
export interface OidcFlow {
  /** The API's redirect to the provider (its authorization URL). */
  startLogin(): Promise<string>;
  /** The API's callback: where it sends the browser, as the return page's fragment. */
  callback(url: URL): Promise<URLSearchParams>;
  /** A whole sign-in of `accountId`, up to the return page's fragment. */
  signIn(accountId: string): Promise<URLSearchParams>;
  /** The return page's exchange of its one-time code. */
  exchange(code: string | null): Promise<TestResponse<LoginResponse>>;
}

/** The browser's side of single sign-on, driven over HTTP. */
export function oidcFlow(app: TestApp, provider: TestOidcProvider): OidcFlow {
  const flow: OidcFlow = {
    async startLogin() {
      const response = await fetch(`${app.baseUrl}/api/auth/oidc/login`, { redirect: 'manual' });
      const location = response.headers.get('location');
      if (response.status !== 302 || location === null) {
        throw new Error(`the login answered ${response.status}, not a redirect`);
      }
      return location;
    },
    async callback(url) {
      const response = await fetch(`${app.baseUrl}${url.pathname}${url.search}`, { redirect: 'manual' });
      const location = new URL(response.headers.get('location') ?? '', app.baseUrl);
      // Nothing that signs in may sit in a URL a server or proxy log sees.
      if (response.status !== 302 || location.pathname !== '/sign-in/sso' || location.search !== '') {
        throw new Error(`the callback answered ${response.status} ${location.href}`);
      }
      return new URLSearchParams(location.hash.slice(1));
    },
    async signIn(accountId) {
      return flow.callback(await provider.signIn(await flow.startLogin(), accountId));
    },
    exchange(code) {
      return call<LoginResponse>(app, 'POST', '/api/auth/oidc/exchange', { body: { code } });
    },
  };
  return flow;
}
