import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from './app-config';

/**
 * The Keycloak example (docker/compose.keycloak.yaml and the realm it imports) cannot be started
 * here (no Docker in CI): these checks hold the two files, the app's configuration checks and the
 * README's instructions to one another, so a renamed client or group breaks a test, not a demo.
 */
const ROOT = resolve(__dirname, '../../../..');
const DOCKER = join(ROOT, 'docker');

interface Service {
  readonly image?: string;
  readonly command?: readonly string[];
  readonly environment?: Readonly<Record<string, string>>;
  readonly volumes?: readonly string[];
  readonly depends_on?: Readonly<Record<string, { condition: string }>>;
}

interface Realm {
  readonly realm: string;
  readonly enabled: boolean;
  readonly groups: readonly { name: string; path: string }[];
  readonly clients: readonly {
    clientId: string;
    secret: string;
    publicClient: boolean;
    standardFlowEnabled: boolean;
    implicitFlowEnabled: boolean;
    directAccessGrantsEnabled: boolean;
    redirectUris: readonly string[];
    attributes: Readonly<Record<string, string>>;
    protocolMappers: readonly {
      protocolMapper: string;
      config: Readonly<Record<string, string>>;
    }[];
  }[];
  readonly users: readonly {
    username: string;
    enabled: boolean;
    email: string;
    firstName: string;
    lastName: string;
    groups: readonly string[];
    credentials: readonly { type: string; temporary: boolean }[];
  }[];
}

const compose = parse(
  readFileSync(join(DOCKER, 'compose.keycloak.yaml'), 'utf8'),
) as { services: Readonly<Record<string, Service>> };
const keycloak = compose.services['keycloak'] as Service;
const app = compose.services['app'] as Service;

/** The app's environment as compose hands it over when the shell sets none of its variables. */
function appEnvironment(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(app.environment ?? {}).map(([name, value]) => [
      name,
      String(value).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1'),
    ]),
  );
}

/** The realm file the Keycloak service imports at start (host side of its volume). */
function importedRealmFile(): string {
  const mount = (keycloak.volumes ?? []).find((v) =>
    v.includes(':/opt/keycloak/data/import/'),
  );
  if (mount === undefined) {
    throw new Error('the Keycloak service mounts no realm to import');
  }
  return resolve(DOCKER, mount.split(':')[0] ?? '');
}

describe('the Keycloak single sign-on example', () => {
  const env = appEnvironment();
  const realmFile = importedRealmFile();
  const realm = JSON.parse(readFileSync(realmFile, 'utf8')) as Realm;
  const client = realm.clients.find(
    (c) => c.clientId === env['OIDC_CLIENT_ID'],
  );

  it('starts Keycloak importing the realm file, and the app only once Keycloak is ready', () => {
    expect(keycloak.image).toMatch(/^quay\.io\/keycloak\/keycloak:\d+/);
    expect(keycloak.command).toEqual(['start-dev', '--import-realm']);
    expect(existsSync(realmFile)).toBe(true);
    expect(app.depends_on?.['keycloak']).toEqual({
      condition: 'service_healthy',
    });
  });

  it('configures the app with settings its start-up checks accept', () => {
    const config = loadConfig(env);

    expect(config.localLogin).toBe('admins-only');
    expect(config.oidc).toMatchObject({
      issuerUrl: `http://keycloak:8080/realms/${realm.realm}`,
      clientId: 'poems',
      roleClaim: 'groups',
      providerName: 'Keycloak',
    });
    expect(config.oidc?.roleMap.map((m) => m.role)).toEqual([
      'hematologist',
      'coordinator',
      'auditor',
      'admin',
    ]);
  });

  it('issues tokens under the name the app discovers (the hostname Keycloak is told)', () => {
    expect(realm.enabled).toBe(true);
    expect(env['OIDC_ISSUER_URL']).toBe(
      `${keycloak.environment?.['KC_HOSTNAME']}/realms/${realm.realm}`,
    );
  });

  it('registers the app as a confidential client with PKCE and the app’s redirect URIs', () => {
    expect(client).toBeDefined();
    expect(client).toMatchObject({
      secret: env['OIDC_CLIENT_SECRET'],
      publicClient: false,
      standardFlowEnabled: true,
      implicitFlowEnabled: false,
      directAccessGrantsEnabled: false,
    });
    expect(client?.redirectUris).toEqual([env['OIDC_REDIRECT_URI']]);
    expect(new URL(env['OIDC_REDIRECT_URI'] ?? '').pathname).toBe(
      '/api/auth/oidc/callback',
    );
    expect(client?.attributes).toMatchObject({
      'pkce.code.challenge.method': 'S256',
      'post.logout.redirect.uris': env['OIDC_POST_LOGOUT_REDIRECT_URI'],
      'backchannel.logout.session.required': 'true',
    });
    // Keycloak posts logout tokens from inside the compose network, to the app's service name.
    expect(client?.attributes['backchannel.logout.url']).toBe(
      'http://app:3000/api/auth/oidc/backchannel-logout',
    );
  });

  it('puts the group names into the claim the app reads, in the ID token', () => {
    const mappers = (client?.protocolMappers ?? []).filter(
      (m) => m.protocolMapper === 'oidc-group-membership-mapper',
    );

    expect(mappers).toHaveLength(1);
    expect(mappers[0]?.config).toMatchObject({
      'claim.name': env['OIDC_ROLE_CLAIM'],
      // "/poems-admins" would match no pair of the role map.
      'full.path': 'false',
      'id.token.claim': 'true',
      'userinfo.token.claim': 'true',
    });
  });

  it('has each mapped group with a demo user, and a user in none (to see the refusal)', () => {
    const config = loadConfig(env);
    const groupPaths = realm.groups.map((g) => g.path);
    const ready = realm.users.filter(
      (u) =>
        u.enabled &&
        // Keycloak's default user profile asks for these at the first sign-in otherwise.
        u.email !== '' &&
        u.firstName !== '' &&
        u.lastName !== '' &&
        u.credentials.some((c) => c.type === 'password' && !c.temporary),
    );

    for (const mapping of config.oidc?.roleMap ?? []) {
      expect(groupPaths).toContain(`/${mapping.claimValue}`);
      expect(
        ready.filter((u) => u.groups.includes(`/${mapping.claimValue}`)),
      ).not.toHaveLength(0);
    }
    for (const user of realm.users) {
      for (const group of user.groups) {
        expect(groupPaths).toContain(group);
      }
    }
    expect(ready.filter((u) => u.groups.length === 0)).not.toHaveLength(0);
  });

  it('is described in the README as it is configured', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('### Single sign-on'),
      readme.indexOf('### Two-step sign-in'),
    );

    expect(section).toContain(
      'docker compose -f docker/compose.yaml -f docker/compose.keycloak.yaml up --build',
    );
    expect(section).toContain('127.0.0.1 keycloak');
    for (const name of [
      'OIDC_ISSUER_URL',
      'OIDC_CLIENT_ID',
      'OIDC_CLIENT_SECRET',
      'OIDC_ROLE_CLAIM',
      'OIDC_ROLE_MAP',
      'OIDC_REDIRECT_URI',
    ]) {
      expect(section).toContain(`\`${name}=${env[name]}\``);
    }
    for (const user of realm.users) {
      expect(section).toContain(`\`${user.username}\``);
    }
  });
});
