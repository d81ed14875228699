import { type ChildProcess, spawn } from 'node:child_process';
import type { WriteStream } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The API's own test OpenID provider (a real `oidc-provider` with an HTML login page), run as the
 * API's integration tests run it: a script in a child process, set up through OIDC_TEST_PROVIDER.
 */
const SCRIPT = resolve(
  __dirname,
  '../../../apps/api/src/testing/oidc-test-provider.mjs',
);
const START_TIMEOUT_MS = 30_000;

/** The API's client at the provider and how its claims map to roles. */
export const E2E_OIDC = {
  clientId: 'poems-e2e',
  clientSecret: 'poems-e2e-client-secret',
  providerName: 'Hospital ID',
  roleClaim: 'groups',
  roleMap:
    'poems-hematologists=hematologist,poems-coordinators=coordinator,poems-auditors=auditor,poems-admins=admin',
} as const;

/** Claims of one account at the provider. */
export interface ProviderAccount {
  readonly name: string;
  readonly preferred_username: string;
  readonly email?: string;
  readonly groups: readonly string[];
}

export interface RunningProvider {
  readonly issuer: string;
  readonly process: ChildProcess;
}

/**
 * Starts the provider on `port` with the API at `appUrl` as its one client (redirect URI,
 * post-logout redirect URI); accounts are added per test ({@link addProviderAccount}).
 */
export async function startProvider(
  port: number,
  appUrl: string,
  log: WriteStream,
): Promise<RunningProvider> {
  const child = spawn(process.execPath, [SCRIPT], {
    env: {
      ...process.env,
      OIDC_TEST_PROVIDER: JSON.stringify({
        port,
        accounts: {},
        clients: [
          {
            client_id: E2E_OIDC.clientId,
            client_secret: E2E_OIDC.clientSecret,
            redirect_uris: [`${appUrl}/api/auth/oidc/callback`],
            post_logout_redirect_uris: [`${appUrl}/sign-in`],
            grant_types: ['authorization_code'],
            response_types: ['code'],
          },
        ],
      }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const issuer = await new Promise<string>((done, fail) => {
    const timer = setTimeout(
      () =>
        fail(
          new Error(
            'The test OpenID provider did not start; see tests/e2e/artifacts/oidc-provider.log',
          ),
        ),
      START_TIMEOUT_MS,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      const ready = /ready (\S+)/.exec(chunk.toString());
      if (ready?.[1] !== undefined) {
        clearTimeout(timer);
        done(ready[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(
        new Error(
          `The test OpenID provider exited (${code}); see tests/e2e/artifacts/oidc-provider.log`,
        ),
      );
    });
  });
  return { issuer, process: child };
}

/** The issuer of the provider the global setup started. */
export function providerIssuer(): string {
  const issuer = process.env['E2E_OIDC_ISSUER'];
  if (!issuer) {
    throw new Error(
      'E2E_OIDC_ISSUER is not set: run through the e2e global setup',
    );
  }
  return issuer;
}

/** Creates (or replaces) an account at the provider; `id` becomes its subject. */
export async function addProviderAccount(
  id: string,
  claims: ProviderAccount,
): Promise<void> {
  const response = await fetch(
    `${providerIssuer()}/test/accounts/${encodeURIComponent(id)}`,
    { method: 'PUT', body: JSON.stringify(claims) },
  );
  if (response.status !== 204) {
    throw new Error(
      `The provider answered ${response.status} to a new account`,
    );
  }
}
