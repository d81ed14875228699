import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The test OpenID provider's client of the API. */
export const OIDC_TEST_CLIENT = { id: 'poems-test', secret: 'poems-test-client-secret' };

/** Claims of one test account at the provider. */
export interface TestAccount {
  readonly name?: string;
  readonly preferred_username?: string;
  readonly email?: string;
  readonly groups?: string | readonly string[];
}

/** How the provider spoils the ID token of its next token response. */
export type IdTokenChange =
  | { readonly claims: Readonly<Record<string, unknown>> }
  | { readonly tamper: 'signature' };

/** A running `oidc-provider` child process (see oidc-test-provider.mjs). */
export interface TestOidcProvider {
  readonly issuer: string;
  /** Changes an account's claims, e.g. moves it to another group. */
  setAccount(id: string, claims: TestAccount): Promise<void>;
  /**
   * Rewrites the ID token of the next token response: other claims re-signed with the provider's
   * real key (a valid signature over a wrong audience, issuer or expiry), or a broken signature.
   */
  spoilNextIdToken(change: IdTokenChange): Promise<void>;
  /**
   * Signs `accountId` in at the provider, starting from the authorization URL the API redirected
   * to, as a browser would (cookies included); answers the URL the provider sends the browser back to.
   */
  signIn(authorizationUrl: string, accountId: string): Promise<URL>;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** Starts the provider on `port` with the API's redirect URI and these accounts. */
export async function startOidcProvider(
  port: number,
  redirectUri: string,
  accounts: Readonly<Record<string, TestAccount>>,
): Promise<TestOidcProvider> {
  const child: ChildProcess = spawn(
    process.execPath,
    [join(__dirname, 'oidc-test-provider.mjs')],
    {
      env: {
        ...process.env,
        OIDC_TEST_PROVIDER: JSON.stringify({
          port,
          accounts,
          clients: [
            {
              client_id: OIDC_TEST_CLIENT.id,
              client_secret: OIDC_TEST_CLIENT.secret,
              redirect_uris: [redirectUri],
              grant_types: ['authorization_code'],
              response_types: ['code'],
            },
          ],
        }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the test provider did not start: ${errors}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      const ready = /ready (\S+)/.exec(chunk.toString());
      if (ready?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(ready[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the test provider exited (${code}): ${errors}`));
    });
  });

  return {
    issuer,
    async setAccount(id, claims) {
      const response = await fetch(`${issuer}/test/accounts/${encodeURIComponent(id)}`, {
        method: 'PUT',
        body: JSON.stringify(claims),
      });
      if (response.status !== 204) {
        throw new Error(`setAccount answered ${response.status}`);
      }
    },
    async spoilNextIdToken(change) {
      const response = await fetch(`${issuer}/test/next-id-token`, {
        method: 'PUT',
        body: JSON.stringify(change),
      });
      if (response.status !== 204) {
        throw new Error(`spoilNextIdToken answered ${response.status}`);
      }
    },
    async signIn(authorizationUrl, accountId) {
      const cookies = new Map<string, string>();
      const go = async (url: string, init: RequestInit = {}): Promise<Response> => {
        const response = await fetch(url, {
          ...init,
          redirect: 'manual',
          headers: {
            ...(init.headers as Record<string, string> | undefined),
            cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          },
        });
        for (const header of response.headers.getSetCookie()) {
          const [pair = ''] = header.split(';');
          const at = pair.indexOf('=');
          cookies.set(pair.slice(0, at), pair.slice(at + 1));
        }
        return response;
      };
      let response = await go(authorizationUrl);
      let location = new URL(response.headers.get('location') ?? '', issuer);
      const interaction = /^\/interaction\/([^/]+)$/.exec(location.pathname);
      if (interaction === null) {
        throw new Error(`expected the login interaction, got ${response.status} ${location.href}`);
      }
      response = await go(`${issuer}/interaction/${interaction[1]}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ login: accountId }).toString(),
      });
      // Follow the provider's own redirects until it sends the browser elsewhere.
      for (let hop = 0; hop < 5; hop += 1) {
        location = new URL(response.headers.get('location') ?? '', issuer);
        if (location.origin !== issuer) {
          return location;
        }
        response = await go(location.href);
      }
      throw new Error('the provider never sent the browser back');
    },
    stop() {
      return new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill();
      });
    },
  };
}
