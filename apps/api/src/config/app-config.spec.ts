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
const MFA_KEY = Buffer.alloc(32, 3).toString('base64');
/** The keys required outside demo mode: the audit trail's, and the authenticator secrets'. */
const AUDIT = {
  AUDIT_HMAC_KEY: 'k'.repeat(32),
  AUDIT_CHECKPOINT_KEY_FILE: '/run/secrets/audit-checkpoint.pem',
  MFA_ENCRYPTION_KEY: MFA_KEY,
};

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
        ...AUDIT,
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

  describe('the audit trail', () => {
    const EXTERNAL = {
      DATABASE_URL: 'postgres://app@db:5432/poems',
      JWT_SECRET: SECRET,
    };

    it('requires the HMAC key and the checkpoint signing key outside demo mode', () => {
      expect(problemsOf(EXTERNAL)).toEqual([
        expect.stringMatching(/^AUDIT_HMAC_KEY: required/),
        expect.stringMatching(/^AUDIT_CHECKPOINT_KEY_FILE: required/),
      ]);
      expect(
        problemsOf({ ...EXTERNAL, ...AUDIT, AUDIT_HMAC_KEY: 'short' }),
      ).toEqual([expect.stringMatching(/^AUDIT_HMAC_KEY: must be at least 32/)]);
    });

    it('lets demo mode and the CLIs that never seal run without them', () => {
      expect(loadConfig({}).audit).toEqual({
        hmacKey: undefined,
        previousHmacKeys: [],
        checkpointDir: '.data/audit-checkpoints',
        checkpointKeyFile: undefined,
        checkpointTrustedKeyFiles: [],
        checkpointIntervalSeconds: 60,
      });
      expect(loadConfig(EXTERNAL, { signsTokens: false }).audit.hmacKey).toBeUndefined();
    });

    it('reads the keys, the retired ones, the checkpoint directory and the migration URL', () => {
      const config = loadConfig({
        ...EXTERNAL,
        ...AUDIT,
        DATABASE_MIGRATION_URL: 'postgres://owner@db:5432/poems',
        AUDIT_HMAC_PREVIOUS_KEYS: `${'a'.repeat(32)}, ${'b'.repeat(32)}`,
        AUDIT_CHECKPOINT_DIR: '/worm/poems',
        AUDIT_CHECKPOINT_TRUSTED_KEYS: '/keys/2024.pub.pem,/keys/2025.pub.pem',
        AUDIT_CHECKPOINT_INTERVAL_SECONDS: '300',
      });

      expect(config.databaseMigrationUrl).toBe('postgres://owner@db:5432/poems');
      expect(config.audit).toEqual({
        hmacKey: 'k'.repeat(32),
        previousHmacKeys: ['a'.repeat(32), 'b'.repeat(32)],
        checkpointDir: '/worm/poems',
        checkpointKeyFile: '/run/secrets/audit-checkpoint.pem',
        checkpointTrustedKeyFiles: ['/keys/2024.pub.pem', '/keys/2025.pub.pem'],
        checkpointIntervalSeconds: 300,
      });
      expect(problemsOf({ ...EXTERNAL, ...AUDIT, AUDIT_HMAC_PREVIOUS_KEYS: 'short' })).toEqual([
        expect.stringMatching(/^AUDIT_HMAC_PREVIOUS_KEYS/),
      ]);
    });
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
      ...AUDIT,
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
    ['LOG_FORMAT', 'xml'],
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

  describe('inbound laboratory results', () => {
    const KEY = Buffer.alloc(32, 1).toString('base64');
    const EXTERNAL = { DATABASE_URL: 'postgres://app@db:5432/poems', JWT_SECRET: SECRET, ...AUDIT };

    it('turns the MLLP listener on at 127.0.0.1:2575 in the embedded demo only', () => {
      expect(loadConfig({}).hl7Mllp).toMatchObject({ enabled: true, host: '127.0.0.1', port: 2575, allow: [], tls: undefined });
      expect(loadConfig(EXTERNAL).hl7Mllp.enabled).toBe(false);
      expect(loadConfig({ ...EXTERNAL, DEMO_SEED: 'true' }).hl7Mllp.enabled).toBe(false);
    });

    it('reads the listener settings, the MRN authority, the retention and the key', () => {
      expect(
        loadConfig({
          ...EXTERNAL,
          HL7_MLLP_ENABLED: 'true',
          HL7_MLLP_HOST: '10.1.2.3',
          HL7_MLLP_PORT: '0',
          HL7_MLLP_ALLOW: '10.1.2.0/24, ::1',
          HL7_MLLP_ENCODING: 'latin1',
          HL7_MLLP_PROCESSING_ID: 'T',
          HL7_MRN_AUTHORITY: 'CITYHOSP',
          INBOUND_RAW_RETENTION_DAYS: '30',
          INBOUND_ENCRYPTION_KEY: KEY,
        }),
      ).toMatchObject({
        hl7Mllp: { enabled: true, host: '10.1.2.3', port: 0, allow: ['10.1.2.0/24', '::1'], encoding: 'latin1', processingId: 'T' },
        hl7MrnAuthority: 'CITYHOSP',
        inboundRawRetentionDays: 30,
        inboundEncryptionKey: Buffer.alloc(32, 1),
      });
      expect(loadConfig({}).inboundRawRetentionDays).toBe(90);
    });

    it('needs the encryption key to enable the listener outside demo mode', () => {
      expect(problemsOf({ ...EXTERNAL, HL7_MLLP_ENABLED: 'true' })).toEqual([expect.stringMatching(/^INBOUND_ENCRYPTION_KEY: required/)]);
    });

    it('needs all three TLS files or none', () => {
      expect(problemsOf({ HL7_MLLP_TLS_CERT: '/c.pem' })).toEqual([expect.stringMatching(/HL7_MLLP_TLS_CERT, HL7_MLLP_TLS_KEY, HL7_MLLP_TLS_CA/)]);
    });

    it.each([
      ['HL7_MLLP_ALLOW', '10.1.2.0/33'],
      ['HL7_MLLP_ALLOW', 'not-an-address'],
      ['HL7_MLLP_PORT', '70000'],
      ['HL7_MLLP_ENCODING', 'utf-16'],
      ['INBOUND_RAW_RETENTION_DAYS', '29'],
      ['INBOUND_ENCRYPTION_KEY', 'c2hvcnQ='],
    ])('rejects %s=%s naming the variable', (name, value) => {
      expect(problemsOf({ [name]: value })).toEqual([expect.stringMatching(new RegExp(`^${name}: `))]);
    });

    it('never repeats the encryption key', () => {
      const [problem] = problemsOf({ INBOUND_ENCRYPTION_KEY: 'sup3rs3cret' });
      expect(problem).not.toContain('sup3rs3cret');
    });
  });
});

describe('single sign-on settings', () => {
  const OIDC = {
    OIDC_ISSUER_URL: 'https://login.example.org/realms/clinic',
    OIDC_CLIENT_ID: 'poems',
    OIDC_ROLE_CLAIM: 'groups',
    OIDC_ROLE_MAP: 'poems-hematologists=hematologist, poems-admins=admin',
  };

  it('is off, with local sign-in on, when no OIDC_* variable is set', () => {
    const config = loadConfig({});
    expect(config.oidc).toBeUndefined();
    expect(config.localLogin).toBe('on');
  });

  it('reads the provider, the default scopes and the role map in order', () => {
    const config = loadConfig({ ...OIDC, OIDC_CLIENT_SECRET: 's3cret', LOCAL_LOGIN: 'admins-only' });
    expect(config.oidc).toEqual({
      issuerUrl: 'https://login.example.org/realms/clinic',
      clientId: 'poems',
      clientSecret: 's3cret',
      clientPrivateKey: undefined,
      scopes: 'openid profile email',
      roleClaim: 'groups',
      roleMap: [
        { claimValue: 'poems-hematologists', role: 'hematologist' },
        { claimValue: 'poems-admins', role: 'admin' },
      ],
      redirectUri: undefined,
      providerName: 'login.example.org',
      postLogoutRedirectUri: undefined,
    });
    expect(config.localLogin).toBe('admins-only');
  });

  it('keeps "=" inside a claim value: the role follows the last one', () => {
    const config = loadConfig({ ...OIDC, OIDC_ROLE_MAP: 'cn=poems-auditors=auditor' });
    expect(config.oidc?.roleMap).toEqual([{ claimValue: 'cn=poems-auditors', role: 'auditor' }]);
  });

  it('takes the scopes, the redirect URIs and the provider name as given', () => {
    const config = loadConfig({
      ...OIDC,
      OIDC_SCOPES: 'openid  email groups',
      OIDC_REDIRECT_URI: 'https://poems.example.org/api/auth/oidc/callback',
      OIDC_PROVIDER_NAME: 'Hospital account',
      OIDC_POST_LOGOUT_REDIRECT_URI: 'https://poems.example.org/sign-in',
    });
    expect(config.oidc).toMatchObject({
      scopes: 'openid email groups',
      redirectUri: 'https://poems.example.org/api/auth/oidc/callback',
      providerName: 'Hospital account',
      postLogoutRedirectUri: 'https://poems.example.org/sign-in',
    });
  });

  it('stops start-up on a bad issuer URL, naming the variable', () => {
    expect(problemsOf({ ...OIDC, OIDC_ISSUER_URL: 'login.example.org' })).toEqual([
      expect.stringMatching(/^OIDC_ISSUER_URL: must be an http\(s\) URL/),
    ]);
  });

  it('stops start-up on a role map naming an unknown role', () => {
    expect(problemsOf({ ...OIDC, OIDC_ROLE_MAP: 'poems-admins=admin,poems-nurses=nurse' })).toEqual([
      expect.stringMatching(/^OIDC_ROLE_MAP: "poems-nurses=nurse" is not claimValue=role/),
    ]);
    expect(problemsOf({ ...OIDC, OIDC_ROLE_MAP: ',' })).toEqual([
      expect.stringMatching(/^OIDC_ROLE_MAP: must map at least one/),
    ]);
  });

  it('names every missing setting once any OIDC_* variable is set', () => {
    expect(problemsOf({ OIDC_ISSUER_URL: OIDC.OIDC_ISSUER_URL })).toEqual([
      expect.stringMatching(/^OIDC_CLIENT_ID: required/),
      expect.stringMatching(/^OIDC_ROLE_CLAIM: required/),
      expect.stringMatching(/^OIDC_ROLE_MAP: required/),
    ]);
  });

  it('refuses scopes without openid and an unknown LOCAL_LOGIN', () => {
    expect(problemsOf({ ...OIDC, OIDC_SCOPES: 'profile email' })).toEqual([
      expect.stringMatching(/^OIDC_SCOPES: /),
    ]);
    expect(problemsOf({ ...OIDC, LOCAL_LOGIN: 'maybe' })).toEqual([
      expect.stringMatching(/^LOCAL_LOGIN: must be one of on, off, admins-only/),
    ]);
  });

  it('refuses turning local sign-in off without single sign-on', () => {
    expect(problemsOf({ LOCAL_LOGIN: 'off' })).toEqual([
      expect.stringMatching(/^LOCAL_LOGIN: "off" needs single sign-on/),
    ]);
  });

  describe('two-step sign-in', () => {
    const EXTERNAL = {
      DATABASE_URL: 'postgres://app@db:5432/poems',
      JWT_SECRET: SECRET,
      AUDIT_HMAC_KEY: 'k'.repeat(32),
      AUDIT_CHECKPOINT_KEY_FILE: '/run/secrets/audit-checkpoint.pem',
    };

    it('requires admins to use it by default, with its key outside demo mode', () => {
      expect(loadConfig({}).mfaRequiredRoles).toEqual(['admin']);
      expect(problemsOf(EXTERNAL)).toEqual([
        expect.stringMatching(/^MFA_ENCRYPTION_KEY: required/),
      ]);
      const config = loadConfig({ ...EXTERNAL, MFA_ENCRYPTION_KEY: MFA_KEY });
      expect(config.mfaEncryptionKey).toEqual(Buffer.alloc(32, 3));
    });

    it('keeps ended sessions 30 days by default, at least one', () => {
      expect(loadConfig({}).sessionRetentionDays).toBe(30);
      expect(loadConfig({ SESSION_RETENTION_DAYS: '7' }).sessionRetentionDays).toBe(7);
      expect(problemsOf({ SESSION_RETENTION_DAYS: '0' })).toEqual([
        expect.stringMatching(/^SESSION_RETENTION_DAYS: must be at least 1/),
      ]);
    });

    it('reads the required roles, or none (then no key is needed)', () => {
      expect(
        loadConfig({ ...EXTERNAL, MFA_ENCRYPTION_KEY: MFA_KEY, MFA_REQUIRED_ROLES: 'admin, hematologist' })
          .mfaRequiredRoles,
      ).toEqual(['admin', 'hematologist']);
      const none = loadConfig({ ...EXTERNAL, MFA_REQUIRED_ROLES: 'none' });
      expect(none.mfaRequiredRoles).toEqual([]);
      expect(none.mfaEncryptionKey).toBeUndefined();
      expect(problemsOf({ MFA_REQUIRED_ROLES: 'admin,root' })).toEqual([
        expect.stringMatching(/^MFA_REQUIRED_ROLES: "root" is not a role/),
      ]);
      expect(problemsOf({ MFA_ENCRYPTION_KEY: 'c2hvcnQ=' })).toEqual([
        expect.stringMatching(/^MFA_ENCRYPTION_KEY: must be 32 random bytes/),
      ]);
    });
  });
});
