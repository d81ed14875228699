import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import {
  PERSON_ROLES,
  type PersonRole,
  type SsoRoleMapping,
} from '@poems/domain';
import { z } from 'zod';

const LOG_LEVELS = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
] as const;

const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;

/** How log lines are written (LOG_FORMAT). */
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Log levels accepted by LOG_LEVEL. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The API configuration, read from the environment once at start-up. */
export interface AppConfig {
  readonly port: number;
  readonly host: string;
  /** Unset: the API starts an embedded PostgreSQL under `dataDir`. */
  readonly databaseUrl: string | undefined;
  /** A read replica for reports, exports and the worklist; unset: the primary serves them. */
  readonly databaseReadUrl: string | undefined;
  readonly dataDir: string;
  /** 0: pick a free port. */
  readonly embeddedPgPort: number;
  readonly demoSeed: boolean;
  readonly jwtSecret: string | undefined;
  readonly jwtTtlSeconds: number;
  readonly clinicTimeZone: string;
  readonly dueSoonDays: number;
  readonly logLevel: LogLevel;
  /** `auto`: readable lines when stdout is a terminal, JSON lines otherwise. */
  readonly logFormat: LogFormat;
  readonly dbPoolSize: number;
  /** How long opening a PostgreSQL connection may take before it counts as a failure. */
  readonly dbConnectTimeoutMs: number;
  readonly webDist: string;
  /** Empty: cross-origin requests get no CORS headers. */
  readonly corsOrigins: readonly string[];
  readonly loginMaxFailures: number;
  /** A session ends after this long without a request. */
  readonly sessionIdleMinutes: number;
  /** A session ends this long after sign-in, whatever the activity. */
  readonly sessionMaxHours: number;
  /** Ended or expired sessions are purged this many days after their end. */
  readonly sessionRetentionDays: number;
  readonly loginLockMinutes: number;
  /** Sign-in attempts per client address per minute, shared by all replicas. */
  readonly loginRateLimit: number;
  readonly bodyLimitBytes: number;
  /** Audit months older than this may be retired by `npm run audit:retention`; never automatically. */
  readonly auditRetentionMonths: number;
  /** The HL7 v2 MLLP listener (lab-interface reference §5). */
  readonly hl7Mllp: Hl7MllpConfig;
  /** The PID-3 / FHIR identifier assigning authority whose MRNs are trusted; unset: any `MR` id. */
  readonly hl7MrnAuthority: string | undefined;
  /** Raw inbound messages are purged after this many days (at least the 30-day dedupe window). */
  readonly inboundRawRetentionDays: number;
  /** FHIR submissions per laboratory interface per minute, shared by all replicas (429 beyond). */
  readonly inboundRateLimit: number;
  /**
   * AES-256-GCM key of raw inbound messages (32 bytes). Unset outside demo mode: inbound results
   * are off (the listener may not be enabled, the FHIR endpoint answers 503). In demo mode without
   * one, a random key is kept under `dataDir`.
   */
  readonly inboundEncryptionKey: Buffer | undefined;
  /**
   * Proxies (addresses or CIDR blocks) whose X-Forwarded-For is believed; empty: none, the peer's
   * address is the client's (sign-in throttle, audit).
   */
  readonly trustProxy: readonly string[];
  /** Where migrations connect (the owner role); unset: `databaseUrl`. */
  readonly databaseMigrationUrl: string | undefined;
  /** The audit trail's keys and checkpoints. */
  readonly audit: AuditConfig;
  /** OpenID Connect single sign-on; unset: local passwords only, as before. */
  readonly oidc: OidcConfig | undefined;
  /** Who may sign in with a local password: everyone, nobody, or admins only (break-glass). */
  readonly localLogin: LocalLogin;
  /** Roles that must set up two-step sign-in before anything else (demo accounts excepted). */
  readonly mfaRequiredRoles: readonly PersonRole[];
  /**
   * AES-256-GCM key of the authenticator secrets (32 bytes). Unset in demo mode: a random key kept
   * under `dataDir`. Unset otherwise: two-step sign-in is unavailable (allowed only when no role
   * requires it).
   */
  readonly mfaEncryptionKey: Buffer | undefined;
}

/** LOCAL_LOGIN values. */
export const LOCAL_LOGIN_MODES = ['on', 'off', 'admins-only'] as const;
export type LocalLogin = (typeof LOCAL_LOGIN_MODES)[number];

/** One `claimValue=role` pair of OIDC_ROLE_MAP. */
export type OidcRoleMapping = SsoRoleMapping;

/** The OpenID Connect relying party's settings. */
export interface OidcConfig {
  readonly issuerUrl: string;
  readonly clientId: string;
  /** Unset (and no private key): a public client (PKCE only). */
  readonly clientSecret: string | undefined;
  /** `private_key_jwt` client authentication instead of a secret (OIDC_CLIENT_PRIVATE_KEY_FILE). */
  readonly clientPrivateKey: OidcClientKey | undefined;
  readonly scopes: string;
  /** The ID token / userinfo claim carrying groups or roles (a string or an array of strings). */
  readonly roleClaim: string;
  /** In map order: several matches give the first. */
  readonly roleMap: readonly OidcRoleMapping[];
  /** Unset: derived from the sign-in request (`<origin>/api/auth/oidc/callback`). */
  readonly redirectUri: string | undefined;
  /** Shown on the sign-in button; defaults to the issuer's host name. */
  readonly providerName: string;
  /**
   * Where the provider sends the browser after RP-initiated logout (register it there); unset:
   * derived from the sign-out request (`<origin>/sign-in`).
   */
  readonly postLogoutRedirectUri: string | undefined;
}

/** The relying party's own key, which signs its client assertions (`private_key_jwt`). */
export interface OidcClientKey {
  /** PKCS#8 PEM. */
  readonly pem: string;
  /** Follows the key's type: RS256 (RSA), ES256 (P-256) or EdDSA (Ed25519). */
  readonly alg: 'RS256' | 'ES256' | 'EdDSA';
  /** The `kid` of its public key registered at the provider, when the provider wants one. */
  readonly kid: string | undefined;
}

/** Keys of the audit seal and checkpoints; none of them is ever stored in the database. */
export interface AuditConfig {
  /**
   * HMAC-SHA-256 key of the hash chain. Unset only in demo mode (and for CLIs that never seal):
   * a random key is then kept under `dataDir`.
   */
  readonly hmacKey: string | undefined;
  /** Keys that sealed older parts of the chain, oldest first (rotation); may start with {@link UNKEYED_SEAL}. */
  readonly previousHmacKeys: readonly string[];
  /** Append-only directory of signed checkpoints (point it at WORM storage). */
  readonly checkpointDir: string;
  /** Ed25519 private key (PEM) that signs checkpoints; unset only in demo mode (kept under `dataDir`). */
  readonly checkpointKeyFile: string | undefined;
  /** Ed25519 public keys (PEM files) of retired checkpoint keys, still trusted for old checkpoints. */
  readonly checkpointTrustedKeyFiles: readonly string[];
  /** Least time between two checkpoints while the chain grows. */
  readonly checkpointIntervalSeconds: number;
}

/** The MLLP listener's settings. */
export interface Hl7MllpConfig {
  readonly enabled: boolean;
  readonly host: string;
  /** 0: a free port, logged. */
  readonly port: number;
  /** CIDR blocks allowed to connect; empty: any address that reaches `host`. */
  readonly allow: readonly string[];
  readonly tls:
    | {
        readonly certFile: string;
        readonly keyFile: string;
        readonly caFile: string;
      }
    | undefined;
  readonly encoding: 'utf-8' | 'latin1';
  readonly maxConnections: number;
  readonly idleTimeoutSeconds: number;
  /** The processing id (MSH-11) this listener accepts: `P` production, `T` test. */
  readonly processingId: 'P' | 'T';
}

/** Thrown by {@link loadConfig}; the message names every invalid variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

// Docker and .env files often set a variable to the empty string to mean "not set".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (value === '' ? undefined : value),
    schema.optional(),
  );

const integer = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

const port = integer(0, 65_535);

const postgresUrl = z.string().refine(isPostgresUrl, {
  // The value is never echoed: it usually carries a password.
  message:
    'must be a PostgreSQL URL such as postgres://user:password@host:5432/database',
});

const ianaTimeZone = z.string().refine(isIanaTimeZone, {
  message: 'must be an IANA time zone name such as Europe/Paris or UTC',
});

const origins = z.string().transform((value, ctx) => {
  const list = value
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  for (const origin of list) {
    if (!isOrigin(origin)) {
      ctx.addIssue({
        code: 'custom',
        message: `"${origin}" is not an origin such as https://clinic.example.org`,
      });
    }
  }
  return list;
});

const cidrs = z.string().transform((value, ctx) => {
  const list = value
    .split(',')
    .map((cidr) => cidr.trim())
    .filter((cidr) => cidr !== '');
  for (const cidr of list) {
    if (!isCidr(cidr)) {
      ctx.addIssue({
        code: 'custom',
        message: `"${cidr}" is not an address or CIDR block such as 10.1.2.0/24 or ::1`,
      });
    }
  }
  return list;
});

const aesKey = z.string().transform((value, ctx) => {
  const key = Buffer.from(value, 'base64');
  if (
    key.length !== 32 ||
    key.toString('base64') !== value.replace(/\s/g, '')
  ) {
    // The value is never echoed: it is a secret.
    ctx.addIssue({
      code: 'custom',
      message: 'must be 32 random bytes in base64 (openssl rand -base64 32)',
    });
  }
  return key;
});

const httpUrl = z.string().refine(isHttpUrl, {
  message:
    'must be an http(s) URL such as https://login.example.org/realms/clinic',
});

const roleMap = z.string().transform((value, ctx) => {
  const pairs: OidcRoleMapping[] = [];
  let bad = false;
  for (const item of value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    // A claim value may itself contain "=" (cn=…): the role is after the last one.
    const at = item.lastIndexOf('=');
    const claimValue = at > 0 ? item.slice(0, at).trim() : '';
    const role = at > 0 ? item.slice(at + 1).trim() : '';
    if (
      claimValue === '' ||
      !(PERSON_ROLES as readonly string[]).includes(role)
    ) {
      ctx.addIssue({
        code: 'custom',
        message: `"${item}" is not claimValue=role with a role among ${PERSON_ROLES.join(', ')}`,
      });
      bad = true;
      continue;
    }
    pairs.push({ claimValue, role: role as PersonRole });
  }
  if (pairs.length === 0 && !bad) {
    ctx.addIssue({
      code: 'custom',
      message: 'must map at least one claim value to a role',
    });
  }
  return pairs;
});

const list = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== ''),
);

/**
 * In AUDIT_HMAC_PREVIOUS_KEYS (first): the unkeyed SHA-256 seal of chains sealed before the keyed
 * one, so an upgraded install's older events still verify.
 */
export const UNKEYED_SEAL = 'unkeyed-sha256';

const macKey = z.string().min(32, 'must be at least 32 characters long');

const personRoles = z.string().transform((value, ctx) => {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (items.length === 1 && items[0] === 'none') {
    return [];
  }
  const roles: PersonRole[] = [];
  for (const item of items) {
    if (!(PERSON_ROLES as readonly string[]).includes(item)) {
      ctx.addIssue({
        code: 'custom',
        message: `"${item}" is not a role among ${PERSON_ROLES.join(', ')} (or none)`,
      });
      continue;
    }
    roles.push(item as PersonRole);
  }
  return roles;
});

const envSchema = z.object({
  PORT: optional(port),
  HOST: optional(z.string()),
  DATABASE_URL: optional(postgresUrl),
  DATABASE_READ_URL: optional(postgresUrl),
  DATABASE_MIGRATION_URL: optional(postgresUrl),
  DATA_DIR: optional(z.string()),
  EMBEDDED_PG_PORT: optional(port),
  DEMO_SEED: optional(z.stringbool({ error: 'must be true or false' })),
  JWT_SECRET: optional(
    z.string().min(32, 'must be at least 32 characters long'),
  ),
  JWT_TTL_SECONDS: optional(integer(60, 86_400)),
  CLINIC_TIME_ZONE: optional(ianaTimeZone),
  DUE_SOON_DAYS: optional(integer(1, 365)),
  LOG_LEVEL: optional(
    z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }),
  ),
  LOG_FORMAT: optional(
    z.enum(LOG_FORMATS, { error: `must be one of ${LOG_FORMATS.join(', ')}` }),
  ),
  DB_POOL_SIZE: optional(integer(1, 100)),
  DB_CONNECT_TIMEOUT_MS: optional(integer(500, 120_000)),
  WEB_DIST: optional(z.string()),
  CORS_ORIGINS: optional(origins),
  TRUST_PROXY: optional(cidrs),
  LOGIN_MAX_FAILURES: optional(integer(1, 100)),
  // At least 2 minutes: the web app warns one minute before the idle timeout.
  SESSION_IDLE_MINUTES: optional(integer(2, 1_440)),
  SESSION_MAX_HOURS: optional(integer(1, 720)),
  // At least a day: the admin's list shows sessions ended in the last day.
  SESSION_RETENTION_DAYS: optional(integer(1, 3_650)),
  LOGIN_LOCK_MINUTES: optional(integer(1, 1_440)),
  LOGIN_RATE_LIMIT: optional(integer(1, 100_000)),
  BODY_LIMIT_BYTES: optional(integer(1_024, 100 * 1_048_576)),
  // At least a year: a typo must not make a whole log eligible for retirement.
  AUDIT_RETENTION_MONTHS: optional(integer(12, 1_200)),
  HL7_MLLP_ENABLED: optional(z.stringbool({ error: 'must be true or false' })),
  HL7_MLLP_HOST: optional(
    z
      .string()
      .refine((v) => isIP(v) !== 0 || /^[A-Za-z0-9.-]+$/.test(v), {
        message: 'must be an address or host name',
      }),
  ),
  HL7_MLLP_PORT: optional(port),
  HL7_MLLP_ALLOW: optional(cidrs),
  HL7_MLLP_TLS_CERT: optional(z.string()),
  HL7_MLLP_TLS_KEY: optional(z.string()),
  HL7_MLLP_TLS_CA: optional(z.string()),
  HL7_MLLP_ENCODING: optional(
    z.enum(['utf-8', 'latin1'], { error: 'must be utf-8 or latin1' }),
  ),
  HL7_MLLP_MAX_CONNECTIONS: optional(integer(1, 10_000)),
  HL7_MLLP_IDLE_SECONDS: optional(integer(5, 86_400)),
  HL7_MLLP_PROCESSING_ID: optional(
    z.enum(['P', 'T'], { error: 'must be P (production) or T (test)' }),
  ),
  HL7_MRN_AUTHORITY: optional(z.string().trim().min(1)),
  // At least the 30 days senders may retry within: a duplicate must still be recognised.
  INBOUND_RAW_RETENTION_DAYS: optional(integer(30, 3_650)),
  INBOUND_RATE_LIMIT: optional(integer(1, 1_000_000)),
  INBOUND_ENCRYPTION_KEY: optional(aesKey),
  AUDIT_HMAC_KEY: optional(macKey),
  AUDIT_HMAC_PREVIOUS_KEYS: optional(
    list.pipe(
      z.array(z.union([z.literal(UNKEYED_SEAL), macKey]), {
        error: `each key must be at least 32 characters long (or ${UNKEYED_SEAL})`,
      }),
    ),
  ),
  AUDIT_CHECKPOINT_DIR: optional(z.string()),
  AUDIT_CHECKPOINT_KEY_FILE: optional(z.string()),
  AUDIT_CHECKPOINT_TRUSTED_KEYS: optional(list),
  AUDIT_CHECKPOINT_INTERVAL_SECONDS: optional(integer(1, 86_400)),
  OIDC_ISSUER_URL: optional(httpUrl),
  OIDC_CLIENT_ID: optional(z.string().trim().min(1)),
  OIDC_CLIENT_SECRET: optional(z.string()),
  OIDC_CLIENT_PRIVATE_KEY_FILE: optional(z.string().trim().min(1)),
  OIDC_CLIENT_KEY_ID: optional(z.string().trim().min(1)),
  OIDC_SCOPES: optional(
    z.string().refine((v) => v.split(/\s+/).includes('openid'), {
      message: 'must be space-separated scopes including openid',
    }),
  ),
  OIDC_ROLE_CLAIM: optional(z.string().trim().min(1)),
  OIDC_ROLE_MAP: optional(roleMap),
  OIDC_REDIRECT_URI: optional(httpUrl),
  OIDC_PROVIDER_NAME: optional(z.string().trim().min(1).max(60)),
  MFA_REQUIRED_ROLES: optional(personRoles),
  MFA_ENCRYPTION_KEY: optional(aesKey),
  OIDC_POST_LOGOUT_REDIRECT_URI: optional(httpUrl),
  LOCAL_LOGIN: optional(
    z.enum(LOCAL_LOGIN_MODES, {
      error: `must be one of ${LOCAL_LOGIN_MODES.join(', ')}`,
    }),
  ),
});

/**
 * Parses the environment into an {@link AppConfig}. The API and the CLIs call it once, at start-up;
 * CLIs that never sign tokens pass `signsTokens: false` so they run without JWT_SECRET (nor the
 * audit keys: they never seal the audit chain).
 * @throws ConfigError naming each invalid variable.
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
  { signsTokens = true }: { readonly signsTokens?: boolean } = {},
): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (issue) => `${issue.path.join('.')}: ${issue.message}`,
      ),
    );
  }
  const e = parsed.data;
  const embedded = e.DATABASE_URL === undefined;
  const demoSeed = e.DEMO_SEED ?? embedded;
  // Outside demo mode a per-install random secret would silently differ between replicas.
  if (signsTokens && !demoSeed && e.JWT_SECRET === undefined) {
    throw new ConfigError([
      'JWT_SECRET: required when the demo seed is off (at least 32 random characters)',
    ]);
  }
  // Same reason, and a key kept in the database would let whoever rewrites the chain re-seal it.
  if (signsTokens && !demoSeed) {
    const missing = [
      e.AUDIT_HMAC_KEY === undefined
        ? 'AUDIT_HMAC_KEY: required when the demo seed is off (at least 32 random characters; never stored in the database)'
        : undefined,
      e.AUDIT_CHECKPOINT_KEY_FILE === undefined
        ? 'AUDIT_CHECKPOINT_KEY_FILE: required when the demo seed is off (an Ed25519 private key in PEM: openssl genpkey -algorithm ed25519)'
        : undefined,
    ].filter((problem) => problem !== undefined);
    if (missing.length > 0) {
      throw new ConfigError(missing);
    }
  }
  const tlsFiles = [e.HL7_MLLP_TLS_CERT, e.HL7_MLLP_TLS_KEY, e.HL7_MLLP_TLS_CA];
  if (
    tlsFiles.some((f) => f !== undefined) &&
    tlsFiles.some((f) => f === undefined)
  ) {
    throw new ConfigError([
      'HL7_MLLP_TLS_CERT, HL7_MLLP_TLS_KEY, HL7_MLLP_TLS_CA: set all three (MLLP over TLS with client certificates) or none',
    ]);
  }
  // On by default only in the embedded demo, bound to 127.0.0.1: every sample message works there.
  const mllpEnabled = e.HL7_MLLP_ENABLED ?? (embedded && demoSeed);
  if (mllpEnabled && !demoSeed && e.INBOUND_ENCRYPTION_KEY === undefined) {
    throw new ConfigError([
      'INBOUND_ENCRYPTION_KEY: required with HL7_MLLP_ENABLED outside demo mode (raw messages are stored encrypted)',
    ]);
  }
  const mfaRequiredRoles: readonly PersonRole[] = e.MFA_REQUIRED_ROLES ?? [
    'admin',
  ];
  if (
    signsTokens &&
    !demoSeed &&
    mfaRequiredRoles.length > 0 &&
    e.MFA_ENCRYPTION_KEY === undefined
  ) {
    throw new ConfigError([
      `MFA_ENCRYPTION_KEY: required when the demo seed is off and MFA_REQUIRED_ROLES names roles (${mfaRequiredRoles.join(', ')}): 32 random bytes in base64 (openssl rand -base64 32); or set MFA_REQUIRED_ROLES=none`,
    ]);
  }
  const oidc = oidcConfigOf(e);
  const localLogin = e.LOCAL_LOGIN ?? 'on';
  if (localLogin !== 'on' && oidc === undefined) {
    throw new ConfigError([
      `LOCAL_LOGIN: "${localLogin}" needs single sign-on (OIDC_ISSUER_URL …): nobody could sign in`,
    ]);
  }
  return Object.freeze({
    oidc,
    localLogin,
    mfaRequiredRoles: Object.freeze(mfaRequiredRoles),
    mfaEncryptionKey: e.MFA_ENCRYPTION_KEY,
    port: e.PORT ?? 3000,
    host: e.HOST ?? '0.0.0.0',
    databaseUrl: e.DATABASE_URL,
    databaseReadUrl: e.DATABASE_READ_URL,
    dataDir: e.DATA_DIR ?? '.data',
    embeddedPgPort: e.EMBEDDED_PG_PORT ?? 0,
    demoSeed,
    jwtSecret: e.JWT_SECRET,
    jwtTtlSeconds: e.JWT_TTL_SECONDS ?? 900,
    clinicTimeZone: e.CLINIC_TIME_ZONE ?? 'UTC',
    dueSoonDays: e.DUE_SOON_DAYS ?? 7,
    logLevel: e.LOG_LEVEL ?? 'info',
    logFormat: e.LOG_FORMAT ?? 'auto',
    dbPoolSize: e.DB_POOL_SIZE ?? 10,
    dbConnectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS ?? 3_000,
    webDist: e.WEB_DIST ?? 'dist/apps/web/browser',
    corsOrigins: Object.freeze(e.CORS_ORIGINS ?? []),
    trustProxy: Object.freeze(e.TRUST_PROXY ?? []),
    loginMaxFailures: e.LOGIN_MAX_FAILURES ?? 5,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES ?? 15,
    sessionMaxHours: e.SESSION_MAX_HOURS ?? 12,
    sessionRetentionDays: e.SESSION_RETENTION_DAYS ?? 30,
    loginLockMinutes: e.LOGIN_LOCK_MINUTES ?? 15,
    loginRateLimit: e.LOGIN_RATE_LIMIT ?? 120,
    bodyLimitBytes: e.BODY_LIMIT_BYTES ?? 1_048_576,
    auditRetentionMonths: e.AUDIT_RETENTION_MONTHS ?? 72,
    hl7Mllp: Object.freeze({
      enabled: mllpEnabled,
      host: e.HL7_MLLP_HOST ?? '127.0.0.1',
      port: e.HL7_MLLP_PORT ?? 2575,
      allow: Object.freeze(e.HL7_MLLP_ALLOW ?? []),
      tls:
        e.HL7_MLLP_TLS_CERT !== undefined &&
        e.HL7_MLLP_TLS_KEY !== undefined &&
        e.HL7_MLLP_TLS_CA !== undefined
          ? Object.freeze({
              certFile: e.HL7_MLLP_TLS_CERT,
              keyFile: e.HL7_MLLP_TLS_KEY,
              caFile: e.HL7_MLLP_TLS_CA,
            })
          : undefined,
      encoding: e.HL7_MLLP_ENCODING ?? 'utf-8',
      maxConnections: e.HL7_MLLP_MAX_CONNECTIONS ?? 50,
      idleTimeoutSeconds: e.HL7_MLLP_IDLE_SECONDS ?? 300,
      processingId: e.HL7_MLLP_PROCESSING_ID ?? 'P',
    }),
    hl7MrnAuthority: e.HL7_MRN_AUTHORITY,
    inboundRawRetentionDays: e.INBOUND_RAW_RETENTION_DAYS ?? 90,
    inboundRateLimit: e.INBOUND_RATE_LIMIT ?? 600,
    inboundEncryptionKey: e.INBOUND_ENCRYPTION_KEY,
    databaseMigrationUrl: e.DATABASE_MIGRATION_URL,
    audit: Object.freeze({
      hmacKey: e.AUDIT_HMAC_KEY,
      previousHmacKeys: Object.freeze(e.AUDIT_HMAC_PREVIOUS_KEYS ?? []),
      checkpointDir:
        e.AUDIT_CHECKPOINT_DIR ??
        join(e.DATA_DIR ?? '.data', 'audit-checkpoints'),
      checkpointKeyFile: e.AUDIT_CHECKPOINT_KEY_FILE,
      checkpointTrustedKeyFiles: Object.freeze(
        e.AUDIT_CHECKPOINT_TRUSTED_KEYS ?? [],
      ),
      checkpointIntervalSeconds: e.AUDIT_CHECKPOINT_INTERVAL_SECONDS ?? 60,
    }),
  });
}

type Env = z.infer<typeof envSchema>;

function oidcConfigOf(e: Env): OidcConfig | undefined {
  const set = Object.entries(e).filter(
    ([name, value]) => name.startsWith('OIDC_') && value !== undefined,
  );
  if (set.length === 0) {
    return undefined;
  }
  const missing = (
    [
      ['OIDC_ISSUER_URL', e.OIDC_ISSUER_URL, "the provider's issuer URL"],
      [
        'OIDC_CLIENT_ID',
        e.OIDC_CLIENT_ID,
        'the client id registered at the provider',
      ],
      [
        'OIDC_ROLE_CLAIM',
        e.OIDC_ROLE_CLAIM,
        'the claim carrying groups or roles, such as groups',
      ],
      [
        'OIDC_ROLE_MAP',
        e.OIDC_ROLE_MAP,
        'claimValue=role pairs, such as poems-admins=admin',
      ],
    ] as const
  )
    .filter(([, value]) => value === undefined)
    .map(([name, , hint]) => `${name}: required with single sign-on (${hint})`);
  if (missing.length > 0) {
    throw new ConfigError(missing);
  }
  const issuerUrl = e.OIDC_ISSUER_URL as string;
  return Object.freeze({
    issuerUrl,
    clientId: e.OIDC_CLIENT_ID as string,
    clientSecret: e.OIDC_CLIENT_SECRET,
    clientPrivateKey: oidcClientKeyOf(e),
    scopes: (e.OIDC_SCOPES ?? 'openid profile email')
      .trim()
      .split(/\s+/)
      .join(' '),
    roleClaim: e.OIDC_ROLE_CLAIM as string,
    roleMap: Object.freeze(e.OIDC_ROLE_MAP ?? []),
    redirectUri: e.OIDC_REDIRECT_URI,
    providerName: e.OIDC_PROVIDER_NAME ?? new URL(issuerUrl).hostname,
    postLogoutRedirectUri: e.OIDC_POST_LOGOUT_REDIRECT_URI,
  });
}

/** Reads and checks OIDC_CLIENT_PRIVATE_KEY_FILE at start, so a bad key never waits for a sign-in. */
function oidcClientKeyOf(e: Env): OidcClientKey | undefined {
  const file = e.OIDC_CLIENT_PRIVATE_KEY_FILE;
  if (file === undefined) {
    if (e.OIDC_CLIENT_KEY_ID !== undefined) {
      throw new ConfigError(['OIDC_CLIENT_KEY_ID: only with OIDC_CLIENT_PRIVATE_KEY_FILE']);
    }
    return undefined;
  }
  if (e.OIDC_CLIENT_SECRET !== undefined) {
    throw new ConfigError([
      'OIDC_CLIENT_PRIVATE_KEY_FILE: set either it (private_key_jwt) or OIDC_CLIENT_SECRET, not both',
    ]);
  }
  let key: ReturnType<typeof createPrivateKey>;
  try {
    key = createPrivateKey(readFileSync(file));
  } catch (error) {
    throw new ConfigError([
      `OIDC_CLIENT_PRIVATE_KEY_FILE: cannot read a PEM private key from ${file} (${error instanceof Error ? error.message : String(error)})`,
    ]);
  }
  const type = key.asymmetricKeyType;
  const alg =
    type === 'rsa'
      ? 'RS256'
      : type === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1'
        ? 'ES256'
        : type === 'ed25519'
          ? 'EdDSA'
          : undefined;
  if (alg === undefined) {
    throw new ConfigError([
      'OIDC_CLIENT_PRIVATE_KEY_FILE: must be an RSA, EC P-256 or Ed25519 private key',
    ]);
  }
  return Object.freeze({
    pem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    alg,
    kid: e.OIDC_CLIENT_KEY_ID,
  });
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'https:' || url.protocol === 'http:') &&
      url.hostname !== ''
    );
  } catch {
    return false;
  }
}

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'postgres:' || url.protocol === 'postgresql:') &&
      url.hostname !== '' &&
      url.pathname.length > 1
    );
  } catch {
    return false;
  }
}

function isIanaTimeZone(value: string): boolean {
  // Intl also accepts offsets such as "+01:00", which are not zone names and ignore DST.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(value)) {
    return false;
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function isCidr(value: string): boolean {
  const [address = '', prefix, ...rest] = value.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) {
    return false;
  }
  if (prefix === undefined) {
    return true;
  }
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      url.origin === value
    );
  } catch {
    return false;
  }
}
