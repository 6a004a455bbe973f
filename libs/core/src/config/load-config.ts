import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateVAPIDKeys } from 'web-push';
import { AppConfig, EnvironmentVariables } from './app-config';
import {
  databaseProblems,
  OPTIONAL_DATABASE_VARIABLES,
  SECRET_DATABASE_VARIABLES,
  toDatabaseConfig,
} from './database-variables';
import { DEFAULT_DOCUMENT_TYPES } from './document-types';
import {
  OPTIONAL_STORAGE_VARIABLES,
  SECRET_STORAGE_VARIABLES,
  storageProblems,
  toStorageConfig,
} from './storage-variables';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Reads and validates the environment once. In production, missing secrets refuse to start;
 * elsewhere they are generated once and kept under DATA_DIR so tokens survive restarts.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const vars = plainToInstance(EnvironmentVariables, pickKnown(env), { exposeDefaultValues: true });
  const problems = validateSync(vars, { forbidUnknownValues: true }).map(
    (error) =>
      `${error.property}: ${Object.values(error.constraints ?? {}).join('; ')} (got ${show(error.property, env[error.property])})`,
  );
  if (vars.NODE_ENV === 'production' && !vars.JWT_SECRET) problems.push('JWT_SECRET: is required in production');
  if (Boolean(vars.VAPID_PUBLIC_KEY) !== Boolean(vars.VAPID_PRIVATE_KEY)) {
    problems.push('VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY: set both or neither');
  }
  if (vars.NODE_ENV === 'production' && vars.PUSH_ALLOW_LOOPBACK === 'true') {
    problems.push('PUSH_ALLOW_LOOPBACK: is refused in production');
  }
  if (Boolean(vars.ADMIN_EMAIL) !== Boolean(vars.ADMIN_PASSWORD)) {
    problems.push('ADMIN_EMAIL/ADMIN_PASSWORD: set both or neither');
  }
  problems.push(...databaseProblems(vars), ...storageProblems(vars));
  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = resolve(vars.DATA_DIR);
  const jwtSecret = vars.JWT_SECRET ?? persistentSecret(dataDir, 'jwt-secret');
  return {
    env: vars.NODE_ENV,
    port: vars.PORT,
    host: vars.HOST,
    trustProxyHops: vars.TRUST_PROXY_HOPS,
    compression: vars.COMPRESSION === 'true',
    ...toDatabaseConfig(vars),
    redisUrl: vars.REDIS_URL,
    redisPrefix: vars.REDIS_PREFIX,
    admin:
      vars.ADMIN_EMAIL && vars.ADMIN_PASSWORD ? { email: vars.ADMIN_EMAIL, password: vars.ADMIN_PASSWORD } : undefined,
    dataDir,
    // unset: this machine at the port it listens on (links then work for `PORT=8080 npm start`)
    publicUrl: (env.PUBLIC_URL ? vars.PUBLIC_URL : `http://localhost:${vars.PORT}`).replace(/\/$/, ''),
    logLevel: vars.LOG_LEVEL,
    jwtSecret,
    accessTokenTtlSeconds: vars.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: vars.REFRESH_TOKEN_TTL_SECONDS,
    refreshReuseGraceSeconds: vars.REFRESH_REUSE_GRACE_SECONDS,
    notifyChunkSize: vars.NOTIFY_CHUNK_SIZE,
    vapid: {
      ...(vars.VAPID_PUBLIC_KEY && vars.VAPID_PRIVATE_KEY
        ? { publicKey: vars.VAPID_PUBLIC_KEY, privateKey: vars.VAPID_PRIVATE_KEY }
        : persistentVapidKeys(dataDir)),
      subject: vars.VAPID_SUBJECT ?? 'mailto:admin@localhost',
    },
    pushAllowLoopback: vars.NODE_ENV === 'test' || vars.PUSH_ALLOW_LOOPBACK === 'true',
    passwordHashing: vars.NODE_ENV === 'test' ? 'test' : 'owasp',
    loginMaxFailures: vars.LOGIN_MAX_FAILURES,
    loginFailureWindowSeconds: vars.LOGIN_FAILURE_WINDOW_SECONDS,
    loginMaxFailuresPerIp: vars.LOGIN_MAX_FAILURES_PER_IP,
    registerMaxPerHour: vars.REGISTER_MAX_PER_HOUR,
    reportsMaxPerHour: vars.REPORTS_MAX_PER_HOUR,
    moderationDeadlineSeconds: vars.MODERATION_DEADLINE_SECONDS,
    bodyLimitBytes: vars.BODY_LIMIT_BYTES,
    documents: {
      maxBytes: vars.DOCUMENT_MAX_BYTES,
      sphereQuotaBytes: vars.SPHERE_QUOTA_BYTES,
      allowedTypes: vars.DOCUMENT_TYPES
        ? vars.DOCUMENT_TYPES.split(',').map((type) => type.trim().toLowerCase())
        : DEFAULT_DOCUMENT_TYPES,
      retentionDays: vars.DOCUMENT_RETENTION_DAYS,
    },
    retention: {
      auditDays: vars.AUDIT_RETENTION_DAYS,
      securityEventDays: vars.SECURITY_EVENT_RETENTION_DAYS,
      readNotificationDays: vars.READ_NOTIFICATION_RETENTION_DAYS,
      deletedContentDays: vars.DELETED_CONTENT_RETENTION_DAYS,
    },
    metricsPort: vars.METRICS_PORT,
    metricsToken: vars.METRICS_TOKEN,
    corsOrigins: (vars.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim().replace(/\/$/, ''))
      .filter(Boolean),
    outboxPollMs: vars.OUTBOX_POLL_MS,
    workerConcurrency: vars.WORKER_CONCURRENCY,
    workerLeaseSeconds: vars.WORKER_LEASE_SECONDS,
    shutdownGraceMs: vars.SHUTDOWN_GRACE_MS,
    smtpUrl: vars.SMTP_URL,
    mailFrom: vars.MAIL_FROM,
    // derived, not a second secret to keep: e-mailed unsubscribe links live as long as the JWT secret
    unsubscribeSecret: createHmac('sha256', jwtSecret).update('alveole:unsubscribe-links').digest('base64url'),
    uploadExpiryHours: vars.UPLOAD_EXPIRY_HOURS,
    storage: toStorageConfig(vars),
  };
}

function pickKnown(env: NodeJS.ProcessEnv): Record<string, string> {
  const known = Object.keys(new EnvironmentVariables());
  const picked: Record<string, string> = {};
  const optional = [
    ...OPTIONAL_DATABASE_VARIABLES,
    'REDIS_URL',
    'ADMIN_EMAIL',
    'ADMIN_PASSWORD',
    'JWT_SECRET',
    'VAPID_PUBLIC_KEY',
    'VAPID_PRIVATE_KEY',
    'VAPID_SUBJECT',
    ...OPTIONAL_STORAGE_VARIABLES,
  ];
  for (const key of [
    ...known,
    ...optional,
    'METRICS_PORT',
    'METRICS_TOKEN',
    'CORS_ORIGINS',
    'SMTP_URL',
    'DOCUMENT_TYPES',
  ]) {
    const value = env[key];
    if (value !== undefined) picked[key] = value;
  }
  return picked;
}

// Values that may hold credentials are never echoed back (errors end up in logs).
const SECRET_VARIABLES = new Set([
  'JWT_SECRET',
  'ADMIN_PASSWORD',
  ...SECRET_DATABASE_VARIABLES,
  'REDIS_URL',
  'METRICS_TOKEN',
  'VAPID_PRIVATE_KEY',
  'SMTP_URL',
  ...SECRET_STORAGE_VARIABLES,
]);

function show(name: string, value: unknown): string {
  if (value === undefined) return 'nothing';
  return SECRET_VARIABLES.has(name) ? 'a value, not shown' : JSON.stringify(value);
}

function persistentSecret(
  dataDir: string,
  name: string,
  generate = () => randomBytes(48).toString('base64url'),
): string {
  const file = join(dataDir, 'secrets', name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(join(dataDir, 'secrets'), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, generate(), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // another process (api and worker starting together) wrote it first: use theirs
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(file, 'utf8').trim();
}

/** One VAPID key pair for every process of the instance (subscriptions are bound to its public key). */
function persistentVapidKeys(dataDir: string): { publicKey: string; privateKey: string } {
  const stored = persistentSecret(dataDir, 'vapid-keys.json', () => JSON.stringify(generateVAPIDKeys()));
  const { publicKey, privateKey } = JSON.parse(stored) as { publicKey: string; privateKey: string };
  return { publicKey, privateKey };
}
