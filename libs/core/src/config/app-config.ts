import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';
import { DatabaseConfig, DatabaseVariables } from './database-variables';
import { StorageConfig } from './storage-variables';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Every environment variable the processes read. One place, validated at start-up;
 * README.md's configuration table mirrors it (keep both in step).
 */
export class EnvironmentVariables extends DatabaseVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** Trust X-Forwarded-* from this many proxies in front (client IPs feed the rate limits). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  TRUST_PROXY_HOPS = 0;

  /** Compress answers (brotli, gzip) for clients that ask; `false` behind a proxy that compresses. */
  @IsIn(['true', 'false'])
  COMPRESSION: 'true' | 'false' = 'true';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// connection URL' })
  REDIS_URL?: string;

  /** Prefix of every Redis key (queues, rate limits, Socket.IO adapter), so instances can share a Redis. */
  @IsString()
  @Matches(/^[a-z0-9:_-]+$/i)
  REDIS_PREFIX = 'alveole';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsEmail()
  ADMIN_EMAIL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @MinLength(12)
  ADMIN_PASSWORD?: string;

  @IsString()
  DATA_DIR = '.data';

  @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_URL = 'http://localhost:3000';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @Transform(emptyToUndefined)
  @IsOptional()
  @MinLength(32)
  JWT_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  // short lifetimes are for tests (a socket's expiry); production keeps minutes
  @Min(2)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(300)
  REFRESH_REUSE_GRACE_SECONDS = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  NOTIFY_CHUNK_SIZE = 1000;

  /** Web Push (VAPID) key pair, base64url; both unset: generated once under DATA_DIR/secrets. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{87}$/, { message: 'must be an uncompressed P-256 public key in base64url (87 characters)' })
  VAPID_PUBLIC_KEY?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'must be a P-256 private key in base64url (43 characters)' })
  VAPID_PRIVATE_KEY?: string;

  /** Who push services may contact about this sender (`mailto:` or `https:`); unset: `mailto:admin@localhost`. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/, { message: 'must be a mailto: or https: URL' })
  VAPID_SUBJECT?: string;

  /** Accept push endpoints on 127.0.0.1 over http (tests with a loopback push service); never in production. */
  @IsIn(['true', 'false'])
  PUSH_ALLOW_LOOPBACK: 'true' | 'false' = 'false';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60;

  /** Failed logins from one IP, whatever the e-mails, within LOGIN_FAILURE_WINDOW_SECONDS (credential stuffing). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_IP = 50;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  REGISTER_MAX_PER_HOUR = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  REPORTS_MAX_PER_HOUR = 30;

  /** Seconds an open moderation case waits before it goes up to the system managers (a sphere may set hours). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  MODERATION_DEADLINE_SECONDS = 48 * 3600;

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  /** Largest file one upload may carry (bytes); past it the upload stops with 413. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  DOCUMENT_MAX_BYTES = 50 * 1024 * 1024;

  /** What a sphere's documents may take in storage, every version kept counted (bytes). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SPHERE_QUOTA_BYTES = 5 * 1024 * 1024 * 1024;

  /** MIME types documents may have (comma-separated); unset: office, PDF, images, text and archives. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^\s*[a-z0-9.+-]+\/[a-z0-9.+-]+(\s*,\s*[a-z0-9.+-]+\/[a-z0-9.+-]+)*\s*$/, {
    message: 'must be MIME types such as application/pdf, separated by commas',
  })
  DOCUMENT_TYPES?: string;

  /** Days a deleted document's bytes are kept (for an animator's second thoughts) before a job removes them. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3650)
  DOCUMENT_RETENTION_DAYS = 30;

  /** Days audit rows are kept (the daily retention job deletes older ones). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(36500)
  AUDIT_RETENTION_DAYS = 730;

  /** Days security events (sign-ins, password changes) are kept. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(36500)
  SECURITY_EVENT_RETENTION_DAYS = 365;

  /** Days a notification is kept once read. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(36500)
  READ_NOTIFICATION_RETENTION_DAYS = 90;

  /** Days a deleted post or comment is kept (for moderators' second look) before it goes for good. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(36500)
  DELETED_CONTENT_RETENTION_DAYS = 30;

  /** Port of a listener that serves only /metrics (one a reverse proxy does not expose); 0 picks a free one. */
  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT?: number;

  /** Bearer token that opens /metrics on the public port; without it (and without METRICS_PORT) there is none. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @MinLength(16)
  METRICS_TOKEN?: string;

  /** Other origins whose pages may open a Socket.IO connection (comma-separated); the same origin always may. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^/,\s]+\/?(\s*,\s*https?:\/\/[^/,\s]+\/?)*$/, {
    message: 'must be origins such as https://app.example.org, separated by commas (no path)',
  })
  CORS_ORIGINS?: string;

  /** Outbox relay polling fallback when no NOTIFY arrives (ms). */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  OUTBOX_POLL_MS = 2000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  WORKER_CONCURRENCY = 8;

  /**
   * How long a killed worker's work stays claimed before another worker takes it over: a BullMQ job's
   * lock (renewed while it runs) and the stalled-job check; twice that for outbox rows the relay claimed.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(600)
  WORKER_LEASE_SECONDS = 30;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  SHUTDOWN_GRACE_MS = 10_000;

  /** Where e-mail goes (smtp://user:pass@host:587, smtps://…); unset: each message is written to DATA_DIR/mail/. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** The From of every e-mail. */
  @IsString()
  @MinLength(3)
  MAIL_FROM = 'Alveole <no-reply@localhost>';

  /** Hours a resumable upload (tus) may stay untouched before its partial bytes are removed. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(720)
  UPLOAD_EXPIRY_HOURS = 24;
}

/** The validated configuration every other part of the code reads. */
export interface AppConfig extends DatabaseConfig {
  env: EnvironmentVariables['NODE_ENV'];
  port: number;
  host: string;
  trustProxyHops: number;
  /** Answers of 1 KiB and more compressed for clients that accept brotli or gzip. */
  compression: boolean;
  redisUrl?: string;
  redisPrefix: string;
  admin?: { email: string; password: string };
  dataDir: string;
  publicUrl: string;
  logLevel: EnvironmentVariables['LOG_LEVEL'];
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** How long a rotated refresh token may be presented again while its successor is unused (a lost response). */
  refreshReuseGraceSeconds: number;
  /** Recipients per fan-out job (one INSERT … SELECT each). */
  notifyChunkSize: number;
  /** Web Push: the VAPID key pair (base64url) and subject. */
  vapid: { publicKey: string; privateKey: string; subject: string };
  /** Push endpoints on http://127.0.0.1 are accepted (NODE_ENV=test or PUSH_ALLOW_LOOPBACK=true). */
  pushAllowLoopback: boolean;
  /** argon2id at OWASP's baseline, or at a token cost under NODE_ENV=test (see PasswordHasher). */
  passwordHashing: 'owasp' | 'test';
  loginMaxFailures: number;
  loginFailureWindowSeconds: number;
  loginMaxFailuresPerIp: number;
  registerMaxPerHour: number;
  /** Reports one user may file per hour (moderation). */
  reportsMaxPerHour: number;
  /** Default wait of an open moderation case before escalation, when its sphere sets none. */
  moderationDeadlineSeconds: number;
  bodyLimitBytes: number;
  /** Documents: the per-file limit, the per-sphere quota, the allowed types, days kept after deletion. */
  documents: { maxBytes: number; sphereQuotaBytes: number; allowedTypes: string[]; retentionDays: number };
  /** Days kept by the daily retention job: audit rows, security events, read notifications, deleted content. */
  retention: { auditDays: number; securityEventDays: number; readNotificationDays: number; deletedContentDays: number };
  metricsPort?: number;
  metricsToken?: string;
  /** Origins (scheme://host[:port]) besides the api's own that may open Socket.IO connections. */
  corsOrigins: string[];
  outboxPollMs: number;
  workerConcurrency: number;
  /** A dead worker's jobs are taken over after this (its relay's claimed outbox rows after twice this). */
  workerLeaseSeconds: number;
  shutdownGraceMs: number;
  /** Unset: messages are written as .eml files under `<dataDir>/mail/`. */
  smtpUrl?: string;
  mailFrom: string;
  /** Signs the one-click unsubscribe links of e-mails (derived from the JWT secret). */
  unsubscribeSecret: string;
  /** A partial resumable upload untouched this long is removed (its bytes under `<dataDir>/uploads/`). */
  uploadExpiryHours: number;
  /** Where document bytes live: `<dataDir>/files` or an S3-compatible bucket. */
  storage: StorageConfig;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
