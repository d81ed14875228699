import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { oidcFlow } from '../testing/oidc-flow';
import {
  freePort,
  OIDC_TEST_CLIENT,
  startOidcProvider,
  type TestOidcProvider,
} from '../testing/oidc-test-provider';
import { startTestApp, type TestApp } from '../testing/test-app';

/**
 * `private_key_jwt` client authentication against a real provider that knows only the client's
 * public key: the token endpoint accepts the API's signed assertion, and refuses one signed with
 * a key it was never given.
 */
describe('OpenID Connect with private_key_jwt client authentication', () => {
  const registered = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const keyFile = join(tmpdir(), `poems-oidc-client-${randomUUID()}.pem`);
  const strangerFile = join(tmpdir(), `poems-oidc-stranger-${randomUUID()}.pem`);
  let app: TestApp;
  let impostor: TestApp;
  let provider: TestOidcProvider;

  beforeAll(async () => {
    await writeFile(keyFile, registered.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await writeFile(strangerFile, stranger.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const port = await freePort();
    const env = (file: string): Record<string, string> => ({
      OIDC_ISSUER_URL: `http://127.0.0.1:${port}`,
      OIDC_CLIENT_ID: OIDC_TEST_CLIENT.id,
      OIDC_CLIENT_PRIVATE_KEY_FILE: file,
      OIDC_CLIENT_KEY_ID: 'poems-client-key',
      OIDC_SCOPES: 'openid profile email groups',
      OIDC_ROLE_CLAIM: 'groups',
      OIDC_ROLE_MAP: 'poems-auditors=auditor',
    });
    app = await startTestApp({ env: env(keyFile) });
    impostor = await startTestApp({ env: env(strangerFile) });
    provider = await startOidcProvider(
      port,
      `${app.baseUrl}/api/auth/oidc/callback`,
      { 'sub-key': { name: 'Key Holder', preferred_username: 'key-holder', groups: ['poems-auditors'] } },
      {
        client_secret: undefined,
        redirect_uris: [`${app.baseUrl}/api/auth/oidc/callback`, `${impostor.baseUrl}/api/auth/oidc/callback`],
        token_endpoint_auth_method: 'private_key_jwt',
        jwks: {
          keys: [{ ...registered.publicKey.export({ format: 'jwk' }), kid: 'poems-client-key', alg: 'RS256', use: 'sig' }],
        },
      },
    );
  }, 90_000);

  afterAll(async () => {
    await provider?.stop();
    await app?.close();
    await impostor?.close();
    await rm(keyFile, { force: true });
    await rm(strangerFile, { force: true });
  });

  it('signs in with a client assertion signed by the registered key', async () => {
    const flow = oidcFlow(app, provider);

    const fragment = await flow.signIn('sub-key');

    expect(fragment.get('error')).toBeNull();
    const token = await flow.exchange(fragment.get('code'));
    expect(token.status).toBe(200);
    expect(token.body.user).toMatchObject({ username: 'key-holder', role: 'auditor' });
  });

  it('is refused by the provider when the assertion is signed by another key', async () => {
    const flow = oidcFlow(impostor, provider);

    const fragment = await flow.signIn('sub-key');

    expect(Object.fromEntries(fragment)).toEqual({ error: 'token_rejected' });
    const [audited] = (await impostor.dataSource.query(
      `SELECT details FROM audit_events WHERE action = 'auth.login_failed'`,
    )) as { details: Record<string, unknown> }[];
    expect(audited?.details).toMatchObject({ reason: 'token_rejected', providerError: 'invalid_client' });
  });
});
