import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from './app-config';

/**
 * docker/compose.yaml cannot be started here (no Docker in CI): these checks hold it, its example
 * env file, the database's first-start script and the app's configuration checks to one another,
 * so a key the app starts requiring cannot be missing from the deployment example unnoticed.
 */
const DOCKER = resolve(__dirname, '../../../../docker');

interface Service {
  readonly environment?: Readonly<Record<string, string>>;
  readonly volumes?: readonly string[];
  readonly secrets?: readonly string[];
}

const compose = parse(readFileSync(join(DOCKER, 'compose.yaml'), 'utf8')) as {
  services: Readonly<Record<string, Service>>;
  secrets: Readonly<Record<string, { file: string }>>;
};
const app = compose.services['app'] as Service;
const db = compose.services['db'] as Service;

/** KEY=value lines of docker/.env.example (comments and blank lines skipped). */
function exampleEnvFile(): Record<string, string> {
  return Object.fromEntries(
    readFileSync(join(DOCKER, '.env.example'), 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z0-9_]+=/.test(line))
      .map((line) => [
        line.slice(0, line.indexOf('=')),
        line.slice(line.indexOf('=') + 1),
      ]),
  );
}

/** Interpolates `${NAME}`, `${NAME:-default}` and `${NAME:?message}` as compose does. */
function interpolate(text: string, values: Record<string, string>): string {
  return text.replace(
    /\$\{([A-Z0-9_]+)(?::([-?])([^}]*))?\}/g,
    (_, name: string, kind?: string, rest?: string) => {
      const value = values[name];
      if (value !== undefined && value !== '') {
        return value;
      }
      if (kind === '-') {
        return rest ?? '';
      }
      throw new Error(`compose would stop: ${name} unset (${rest ?? ''})`);
    },
  );
}

function environmentOf(
  service: Service,
  values: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([name, value]) => [
      name,
      interpolate(String(value), values),
    ]),
  );
}

describe('the Docker compose deployment example', () => {
  const example = exampleEnvFile();

  it('marks every value of the example env file as an example', () => {
    expect(Object.keys(example).length).toBeGreaterThan(0);
    for (const [name, value] of Object.entries(example)) {
      const shown =
        name === 'MFA_ENCRYPTION_KEY'
          ? Buffer.from(value, 'base64').toString('utf8')
          : value;
      expect(`${name}=${shown}`).toMatch(/EXAMPLE/);
    }
  });

  it('gives the app, with the example env file, a configuration its start-up checks accept outside demo mode', () => {
    const env = environmentOf(app, example);
    const config = loadConfig(env);

    expect(config.demoSeed).toBe(false);
    expect(config.audit.hmacKey).toBe(example['AUDIT_HMAC_KEY']);
    expect(config.audit.checkpointKeyFile).toBe(
      '/run/secrets/audit_checkpoint_key',
    );
    // The checkpoints go to the one writable volume of the read-only container.
    expect(config.audit.checkpointDir.startsWith('/data/')).toBe(true);
    expect(app.volumes).toContain('app-data:/data');
    expect(app.secrets).toContain('audit_checkpoint_key');
    expect(compose.secrets['audit_checkpoint_key']?.file).toBe(
      './secrets/audit-checkpoint-key.pem',
    );
  });

  it('stops compose, not the app, when a required key is missing', () => {
    for (const name of [
      'JWT_SECRET',
      'AUDIT_HMAC_KEY',
      'MFA_ENCRYPTION_KEY',
      'POEMS_API_PASSWORD',
    ]) {
      const { [name]: _missing, ...rest } = example;
      expect(() => environmentOf(app, rest)).toThrow(name);
    }
  });

  it('migrates as the owner and runs as the runtime role the database’s first start creates', () => {
    const env = environmentOf(app, example);
    const migration = new URL(env['DATABASE_MIGRATION_URL'] ?? '');
    const runtime = new URL(env['DATABASE_URL'] ?? '');
    expect(migration.username).toBe('poems_owner');
    expect(runtime.username).toBe('poems_api');
    expect(migration.pathname).toBe(runtime.pathname);

    expect(db.volumes).toContain('./db-init:/docker-entrypoint-initdb.d:ro');
    const script = join(DOCKER, 'db-init', '10-poems-roles.sh');
    expect(existsSync(script)).toBe(true);
    const sql = readFileSync(script, 'utf8');
    expect(sql).toContain('CREATE ROLE poems_runtime NOLOGIN;');
    expect(sql).toContain('CREATE ROLE poems_owner LOGIN');
    expect(sql).toContain('CREATE ROLE poems_api LOGIN');
    expect(sql).toContain('IN ROLE poems_runtime;');
    expect(sql).toContain(
      `CREATE DATABASE ${runtime.pathname.slice(1)} OWNER poems_owner;`,
    );
    // The passwords the script sets are the ones the app connects with.
    const dbEnv = environmentOf(db, example);
    expect(dbEnv['POEMS_OWNER_PASSWORD']).toBe(
      decodeURIComponent(migration.password),
    );
    expect(dbEnv['POEMS_API_PASSWORD']).toBe(
      decodeURIComponent(runtime.password),
    );
  });
});
