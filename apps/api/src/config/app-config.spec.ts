import { ConfigError, loadConfig } from './app-config';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.problems;
    }
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

const SECRET = 'x'.repeat(32);

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadConfig({});

    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      databaseUrl: undefined,
      dataDir: '.data',
      embeddedPgPort: 0,
      demoSeed: true,
      jwtTtlSeconds: 900,
      clinicTimeZone: 'UTC',
      dueSoonDays: 7,
      logLevel: 'info',
      dbPoolSize: 10,
      webDist: 'dist/apps/web/browser',
      corsOrigins: [],
      loginMaxFailures: 5,
      loginLockMinutes: 15,
      bodyLimitBytes: 1_048_576,
      loginRateLimit: 120,
      databaseReadUrl: undefined,
      auditRetentionMonths: 72,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('turns the demo seed off by default when an external database is configured', () => {
    expect(
      loadConfig({
        DATABASE_URL: 'postgres://app@db:5432/poems',
        JWT_SECRET: SECRET,
      }).demoSeed,
    ).toBe(false);
  });

  it('requires JWT_SECRET when the demo seed is off', () => {
    expect(
      problemsOf({ DATABASE_URL: 'postgres://app@db:5432/poems' }),
    ).toEqual([expect.stringMatching(/^JWT_SECRET: required/)]);
    expect(problemsOf({ DEMO_SEED: 'false' })).toEqual([
      expect.stringMatching(/^JWT_SECRET: required/),
    ]);
  });

  it('accepts a missing JWT_SECRET in demo mode, also on an external database', () => {
    expect(
      loadConfig({
        DATABASE_URL: 'postgres://app@db:5432/poems',
        DEMO_SEED: 'true',
      }).jwtSecret,
    ).toBeUndefined();
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
    });
  });

  it('parses values', () => {
    const config = loadConfig({
      PORT: '8080',
      CLINIC_TIME_ZONE: 'America/Chicago',
      CORS_ORIGINS: 'https://a.example.org, http://localhost:4200',
      DEMO_SEED: 'false',
      JWT_SECRET: SECRET,
    });

    expect(config).toMatchObject({
      port: 8080,
      clinicTimeZone: 'America/Chicago',
      corsOrigins: ['https://a.example.org', 'http://localhost:4200'],
      demoSeed: false,
    });
  });

  it.each([
    ['PORT', 'http'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://db/poems'],
    ['DATABASE_URL', 'not a url'],
    ['CLINIC_TIME_ZONE', 'Mars/Olympus_Mons'],
    ['CLINIC_TIME_ZONE', '+01:00'],
    ['LOG_LEVEL', 'loud'],
    ['JWT_SECRET', 'short'],
    ['CORS_ORIGINS', 'https://a.example.org/path'],
    ['DEMO_SEED', 'maybe'],
    ['DATABASE_READ_URL', 'https://replica.example.org/poems'],
    ['AUDIT_RETENTION_MONTHS', '6'],
    ['AUDIT_RETENTION_MONTHS', 'forever'],
  ])('rejects %s=%s naming the variable', (name, value) => {
    expect(problemsOf({ [name]: value })).toEqual([
      expect.stringMatching(new RegExp(`^${name}: `)),
    ]);
  });

  it('lists every invalid variable at once', () => {
    expect(problemsOf({ PORT: 'x', DB_POOL_SIZE: '0' })).toHaveLength(2);
  });

  it('reads an optional read replica and the audit retention', () => {
    expect(
      loadConfig({
        DATABASE_READ_URL: 'postgres://reader:pw@replica:5432/poems',
        AUDIT_RETENTION_MONTHS: '120',
      }),
    ).toMatchObject({
      databaseReadUrl: 'postgres://reader:pw@replica:5432/poems',
      auditRetentionMonths: 120,
    });
  });

  it('never repeats the database URL, which may hold a password', () => {
    const [problem] = problemsOf({
      DATABASE_URL: 'mysql://app:s3cret@db/poems',
    });

    expect(problem).not.toContain('s3cret');
  });
});
