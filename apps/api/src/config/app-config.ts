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
  readonly dbPoolSize: number;
  readonly webDist: string;
  /** Empty: cross-origin requests get no CORS headers. */
  readonly corsOrigins: readonly string[];
  readonly loginMaxFailures: number;
  readonly loginLockMinutes: number;
  /** Sign-in attempts per client address per minute, shared by all replicas. */
  readonly loginRateLimit: number;
  readonly bodyLimitBytes: number;
  /** Audit months older than this may be retired by `npm run audit:retention`; never automatically. */
  readonly auditRetentionMonths: number;
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

const envSchema = z.object({
  PORT: optional(port),
  HOST: optional(z.string()),
  DATABASE_URL: optional(postgresUrl),
  DATABASE_READ_URL: optional(postgresUrl),
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
  DB_POOL_SIZE: optional(integer(1, 100)),
  WEB_DIST: optional(z.string()),
  CORS_ORIGINS: optional(origins),
  LOGIN_MAX_FAILURES: optional(integer(1, 100)),
  LOGIN_LOCK_MINUTES: optional(integer(1, 1_440)),
  LOGIN_RATE_LIMIT: optional(integer(1, 100_000)),
  BODY_LIMIT_BYTES: optional(integer(1_024, 100 * 1_048_576)),
  // At least a year: a typo must not make a whole log eligible for retirement.
  AUDIT_RETENTION_MONTHS: optional(integer(12, 1_200)),
});

/**
 * Parses the environment into an {@link AppConfig}. The API and the CLIs call it once, at start-up;
 * CLIs that never sign tokens pass `signsTokens: false` so they run without JWT_SECRET.
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
  return Object.freeze({
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
    dbPoolSize: e.DB_POOL_SIZE ?? 10,
    webDist: e.WEB_DIST ?? 'dist/apps/web/browser',
    corsOrigins: Object.freeze(e.CORS_ORIGINS ?? []),
    loginMaxFailures: e.LOGIN_MAX_FAILURES ?? 5,
    loginLockMinutes: e.LOGIN_LOCK_MINUTES ?? 15,
    loginRateLimit: e.LOGIN_RATE_LIMIT ?? 120,
    bodyLimitBytes: e.BODY_LIMIT_BYTES ?? 1_048_576,
    auditRetentionMonths: e.AUDIT_RETENTION_MONTHS ?? 72,
  });
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
