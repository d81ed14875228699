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
  /** A JWT over `claims` signed with the provider's real key (a forger holding it, or a buggy provider). */
  sign(claims: Readonly<Record<string, unknown>>, typ?: string): Promise<string>;
  /**
   * Signs `accountId` in at the provider, starting from the authorization URL the API redirected
   * to, as a new browser would; answers the URL the provider sends the browser back to.
   */
  signIn(authorizationUrl: string, accountId: string): Promise<URL>;
  /** A browser whose cookies (the provider's session) last across its steps. */
  browser(): TestBrowser;
  stop(): Promise<void>;
}

/** One browser's visits to the provider. */
export interface TestBrowser {
  /** As {@link TestOidcProvider.signIn}, keeping the provider's session cookie. */
  signIn(authorizationUrl: string, accountId: string): Promise<URL>;
  /**
   * Visits an authorization URL: answers where the provider sends the browser, either back to the
   * client (it still has a session) or to its login page (`/interaction/<uid>`).
   */
  authorize(authorizationUrl: string): Promise<URL>;
  /**
   * Visits the provider's end-session URL and confirms ("Yes, sign me out"): answers where the
   * provider then sends the browser (the post-logout redirect URI).
   */
  endSession(endSessionUrl: string): Promise<URL>;
}

/** Client metadata on top of the test client's (post_logout_redirect_uris, backchannel_logout_uri …). */
export type TestClientMetadata = Readonly<Record<string, unknown>>;

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
  client: TestClientMetadata = {},
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
              ...client,
            },
          ],
        }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let errors = '';
  let started = false;
  child.stderr?.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
    // What goes wrong at the provider later (a refused back-channel logout) shows in the test output.
    if (started) {
      process.stderr.write(chunk);
    }
  });
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the test provider did not start: ${errors}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      const ready = /ready (\S+)/.exec(chunk.toString());
      if (ready?.[1] !== undefined) {
        clearTimeout(timer);
        started = true;
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
    async sign(claims, typ) {
      const response = await fetch(`${issuer}/test/sign`, {
        method: 'POST',
        body: JSON.stringify({ claims, typ }),
      });
      if (response.status !== 200) {
        throw new Error(`sign answered ${response.status}`);
      }
      return response.text();
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
    signIn(authorizationUrl, accountId) {
      return browserAt(issuer).signIn(authorizationUrl, accountId);
    },
    browser() {
      return browserAt(issuer);
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

function browserAt(issuer: string): TestBrowser {
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
  const post = (url: string, form: Record<string, string>): Promise<Response> =>
    go(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  /**
   * Follows the provider's own redirects until it sends the browser elsewhere or to its login page,
   * or answers a page of its own (the URL of that page).
   */
  const follow = async (first: Response, from: string): Promise<URL> => {
    let response = first;
    let at = new URL(from);
    for (let hop = 0; hop < 5; hop += 1) {
      if (response.status < 300 || response.status >= 400) {
        return at;
      }
      at = new URL(response.headers.get('location') ?? '', at);
      if (at.origin !== issuer || /^\/interaction\/[^/]+$/.test(at.pathname)) {
        return at;
      }
      response = await go(at.href);
    }
    throw new Error('the provider never sent the browser back');
  };
  const browser: TestBrowser = {
    async authorize(authorizationUrl) {
      return follow(await go(authorizationUrl), authorizationUrl);
    },
    async signIn(authorizationUrl, accountId) {
      const login = await browser.authorize(authorizationUrl);
      const interaction = /^\/interaction\/([^/]+)$/.exec(login.pathname);
      if (interaction === null) {
        throw new Error(`expected the login interaction, got ${login.href}`);
      }
      const action = `${issuer}/interaction/${interaction[1]}/login`;
      return follow(await post(action, { login: accountId }), action);
    },
    async endSession(endSessionUrl) {
      const page = await go(endSessionUrl);
      const html = await page.text();
      const form = /action="([^"]+)"[\s\S]*?name="xsrf" value="([^"]+)"/.exec(html);
      if (page.status !== 200 || form?.[1] === undefined || form[2] === undefined) {
        throw new Error(`expected the end-session confirmation, got ${page.status}`);
      }
      const action = new URL(form[1], issuer).href;
      return follow(await post(action, { xsrf: form[2], logout: 'yes' }), action);
    },
  };
  return browser;
}
