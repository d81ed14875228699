// A real OpenID provider (oidc-provider, a certified implementation) for the single sign-on
// integration tests. oidc-provider ships ES modules only, which Jest's CommonJS runtime cannot
// load, so the tests run this script as a child process and talk to it over HTTP.
//
// Settings come as JSON in OIDC_TEST_PROVIDER: { port, clients: [...], accounts: { id: claims } }.
// It prints "ready <issuer>" once listening. Besides the provider's own routes it serves:
//   POST /interaction/<uid>/login  (form field `login`: the account id) signs that account in;
//   PUT  /test/accounts/<id>       (JSON claims) changes an account, e.g. its groups;
//   PUT  /test/next-id-token       (JSON { claims } or { tamper: 'signature' }) rewrites the ID token
//                                  of the next token response, as a forger or a broken provider would;
//   POST /test/sign                (JSON { claims, typ? }) answers a JWT signed with the provider's key,
//                                  e.g. a logout token crafted to be wrong in one respect.
import { createServer } from 'node:http';
import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT } from 'jose';
import Provider from 'oidc-provider';

const settings = JSON.parse(process.env.OIDC_TEST_PROVIDER ?? '{}');
const accounts = new Map(Object.entries(settings.accounts ?? {}));
const issuer = `http://127.0.0.1:${settings.port}`;
const SCOPES = 'openid profile email groups';

// The provider's own signing key, kept here so that a rewritten ID token can carry a valid signature.
const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const signingKey = { ...(await exportJWK(privateKey)), kid: 'test-signing-key', alg: 'RS256', use: 'sig' };
let nextIdToken;

const provider = new Provider(issuer, {
  clients: settings.clients,
  jwks: { keys: [signingKey] },
  // The provider refuses to post back-channel logout tokens to special-use addresses (SSRF
  // protection through its own dispatcher); the API under test listens on 127.0.0.1.
  fetch: (url, options) => globalThis.fetch(url, { ...options, dispatcher: undefined }),
  claims: {
    openid: ['sub'],
    profile: ['name', 'preferred_username'],
    email: ['email'],
    groups: ['groups'],
  },
  scopes: SCOPES.split(' '),
  cookies: { keys: ['test-cookie-key-test-cookie-key'] },
  features: {
    devInteractions: { enabled: false },
    backchannelLogout: { enabled: true },
    rpInitiatedLogout: {
      enabled: true,
      // The provider's own confirmation page, without the default's web fonts (no network here).
      async logoutSource(ctx, form) {
        ctx.body = `<!DOCTYPE html><html><head><title>Sign out</title></head><body>
          <h1>Sign out of the test provider?</h1>${form}
          <button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
          <button type="submit" form="op.logoutForm">No, stay signed in</button></body></html>`;
      },
    },
  },
  pkce: { required: () => true },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(_ctx, id) {
    const claims = accounts.get(id);
    return claims === undefined
      ? undefined
      : { accountId: id, claims: async () => ({ sub: id, ...accounts.get(id) }) };
  },
  // First-party client: consent is implied, as at a hospital's provider.
  async loadExistingGrant(ctx) {
    const grantId =
      ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) {
      return ctx.oidc.provider.Grant.find(grantId);
    }
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope(SCOPES);
    await grant.save();
    return grant;
  },
});

async function rewrite(idToken, change) {
  if (change.tamper === 'signature') {
    const [header, payload, signature] = idToken.split('.');
    const bytes = Buffer.from(signature, 'base64url');
    bytes[0] ^= 0xff;
    return `${header}.${payload}.${bytes.toString('base64url')}`;
  }
  return new SignJWT({ ...decodeJwt(idToken), ...change.claims })
    .setProtectedHeader(decodeProtectedHeader(idToken))
    .sign(privateKey);
}

provider.use(async (ctx, next) => {
  await next();
  if (ctx.path === '/token' && nextIdToken !== undefined && typeof ctx.body?.id_token === 'string') {
    const change = nextIdToken;
    nextIdToken = undefined;
    ctx.body = { ...ctx.body, id_token: await rewrite(ctx.body.id_token, change) };
  }
});

// A logout token the relying party refused shows in the test's failure output.
provider.on('backchannel.error', (_ctx, error) => {
  process.stderr.write(`backchannel logout failed: ${error.message}\n`);
});

const handle = provider.callback();

async function body(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

createServer(async (req, res) => {
  try {
    const url = new URL(req.url, issuer);
    const login = url.pathname.match(/^\/interaction\/([^/]+)\/login$/);
    if (req.method === 'POST' && login) {
      const accountId = new URLSearchParams(await body(req)).get('login');
      await provider.interactionFinished(req, res, { login: { accountId } }, {
        mergeWithLastSubmission: false,
      });
      return;
    }
    if (req.method === 'GET' && /^\/interaction\/[^/]+$/.test(url.pathname)) {
      const details = await provider.interactionDetails(req, res);
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!DOCTYPE html><html><head><title>Test provider sign-in</title></head><body>
        <h1>Sign in to the test provider</h1>
        <form method="post" action="/interaction/${details.uid}/login">
          <label>Username <input name="login" autocomplete="username"></label>
          <button type="submit">Sign in</button>
        </form></body></html>`);
      return;
    }
    const account = url.pathname.match(/^\/test\/accounts\/([^/]+)$/);
    if (req.method === 'PUT' && account) {
      accounts.set(decodeURIComponent(account[1]), JSON.parse(await body(req)));
      res.writeHead(204).end();
      return;
    }
    if (req.method === 'POST' && url.pathname === '/test/sign') {
      const { claims, typ } = JSON.parse(await body(req));
      const jwt = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: signingKey.kid, ...(typ === undefined ? {} : { typ }) })
        .sign(privateKey);
      res.writeHead(200, { 'content-type': 'text/plain' }).end(jwt);
      return;
    }
    if (req.method === 'PUT' && url.pathname === '/test/next-id-token') {
      nextIdToken = JSON.parse(await body(req));
      res.writeHead(204).end();
      return;
    }
    handle(req, res);
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
  }
}).listen(settings.port, '127.0.0.1', () => {
  process.stdout.write(`ready ${issuer}\n`);
});
