import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './load-config';

describe('loadConfig', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'alveole-config-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('applies the documented defaults', () => {
    const sut = loadConfig({ DATA_DIR: dataDir });
    expect(sut).toMatchObject({
      port: 3000,
      env: 'development',
      databaseUrl: undefined,
      redisUrl: undefined,
      logLevel: 'info',
    });
    expect(sut.dataDir).toBe(dataDir);
  });

  it('defaults the public URL to this machine at the port it listens on', () => {
    expect(loadConfig({ DATA_DIR: dataDir }).publicUrl).toBe('http://localhost:3000');
    expect(loadConfig({ DATA_DIR: dataDir, PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ DATA_DIR: dataDir, PORT: '8080', PUBLIC_URL: 'https://intra.example.org/' }).publicUrl).toBe(
      'https://intra.example.org',
    );
  });

  it('reports every bad variable on its own line', () => {
    const attempt = () =>
      loadConfig({ DATA_DIR: dataDir, PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    expect(attempt).toThrow(ConfigError);
    const problems = (() => {
      try {
        attempt();
      } catch (error) {
        return (error as ConfigError).problems;
      }
      return [];
    })();
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT']);
    expect(problems.find((p) => p.startsWith('PORT'))).toContain('"eighty"');
  });

  it('keeps partial uploads 24 hours by default, and takes 1 to 720', () => {
    expect(loadConfig({ DATA_DIR: dataDir }).uploadExpiryHours).toBe(24);
    expect(loadConfig({ DATA_DIR: dataDir, UPLOAD_EXPIRY_HOURS: '720' }).uploadExpiryHours).toBe(720);
    expect(() => loadConfig({ DATA_DIR: dataDir, UPLOAD_EXPIRY_HOURS: '0' })).toThrow(/UPLOAD_EXPIRY_HOURS/);
    expect(() => loadConfig({ DATA_DIR: dataDir, UPLOAD_EXPIRY_HOURS: '721' })).toThrow(/UPLOAD_EXPIRY_HOURS/);
  });

  it('keeps audit rows, security events, read notifications and deleted content for the documented days', () => {
    expect(loadConfig({ DATA_DIR: dataDir }).retention).toEqual({
      auditDays: 730,
      securityEventDays: 365,
      readNotificationDays: 90,
      deletedContentDays: 30,
    });
    expect(loadConfig({ DATA_DIR: dataDir, AUDIT_RETENTION_DAYS: '3650' }).retention.auditDays).toBe(3650);
    expect(() => loadConfig({ DATA_DIR: dataDir, READ_NOTIFICATION_RETENTION_DAYS: '0' })).toThrow(
      /READ_NOTIFICATION_RETENTION_DAYS/,
    );
    expect(() => loadConfig({ DATA_DIR: dataDir, DELETED_CONTENT_RETENTION_DAYS: 'month' })).toThrow(
      /DELETED_CONTENT_RETENTION_DAYS/,
    );
  });

  it('uses DATABASE_URL for session features unless DATABASE_DIRECT_URL names PostgreSQL itself', () => {
    const pooled = 'postgres://app:secret@pgbouncer:6432/alveole';
    const direct = 'postgres://app:secret@postgres:5432/alveole';
    expect(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: pooled })).toMatchObject({
      databaseUrl: pooled,
      databaseDirectUrl: pooled,
      databasePreparedStatements: true,
    });
    expect(
      loadConfig({
        DATA_DIR: dataDir,
        DATABASE_URL: pooled,
        DATABASE_DIRECT_URL: direct,
        DATABASE_PREPARED_STATEMENTS: 'false',
      }),
    ).toMatchObject({ databaseUrl: pooled, databaseDirectUrl: direct, databasePreparedStatements: false });
    expect(loadConfig({ DATA_DIR: dataDir }).databaseDirectUrl).toBeUndefined();
  });

  it('refuses a bad DATABASE_DIRECT_URL or DATABASE_PREPARED_STATEMENTS, and never echoes the URL', () => {
    const attempt = (env: Record<string, string>) => () => loadConfig({ DATA_DIR: dataDir, ...env });
    const secret = 'mysql://app:hunter2-secret@db/alveole';
    expect(attempt({ DATABASE_URL: 'postgres://db/alveole', DATABASE_DIRECT_URL: secret })).toThrow(
      /DATABASE_DIRECT_URL: must be a postgres:\/\/ connection URL \(got a value, not shown\)/,
    );
    expect(attempt({ DATABASE_URL: 'postgres://db/alveole', DATABASE_DIRECT_URL: secret })).not.toThrow(/hunter2/);
    expect(attempt({ DATABASE_DIRECT_URL: 'postgres://db/alveole' })).toThrow(/DATABASE_DIRECT_URL: is only used with/);
    expect(attempt({ DATABASE_PREPARED_STATEMENTS: 'no' })).toThrow(/DATABASE_PREPARED_STATEMENTS: .*\(got "no"\)/);
  });

  it('refuses to start in production without JWT_SECRET', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir })).toThrow(
      /JWT_SECRET: is required in production/,
    );
  });

  it('generates the development secret once and keeps it under DATA_DIR', () => {
    const first = loadConfig({ DATA_DIR: dataDir }).jwtSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dataDir, 'secrets', 'jwt-secret'), 'utf8')).toBe(first);
    expect(loadConfig({ DATA_DIR: dataDir }).jwtSecret).toBe(first);
  });

  it('uses JWT_SECRET when given and writes nothing', () => {
    const secret = 'a'.repeat(40);
    expect(loadConfig({ DATA_DIR: dataDir, JWT_SECRET: secret }).jwtSecret).toBe(secret);
    expect(existsSync(join(dataDir, 'secrets', 'jwt-secret'))).toBe(false);
  });

  it('derives the unsubscribe links key from the JWT secret: stable, and not the JWT secret itself', () => {
    const one = loadConfig({ DATA_DIR: dataDir, JWT_SECRET: 'a'.repeat(40) }).unsubscribeSecret;
    expect(loadConfig({ DATA_DIR: dataDir, JWT_SECRET: 'a'.repeat(40) }).unsubscribeSecret).toBe(one);
    expect(loadConfig({ DATA_DIR: dataDir, JWT_SECRET: 'b'.repeat(40) }).unsubscribeSecret).not.toBe(one);
    expect(one).not.toContain('a'.repeat(40));
  });

  it('wants ADMIN_EMAIL and ADMIN_PASSWORD together', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir, ADMIN_EMAIL: 'a@example.org' })).toThrow(/set both or neither/);
  });

  it('reads CORS_ORIGINS as a list of origins, and refuses a path or a bare host', () => {
    expect(loadConfig({ DATA_DIR: dataDir }).corsOrigins).toEqual([]);
    expect(
      loadConfig({ DATA_DIR: dataDir, CORS_ORIGINS: 'https://app.example.org, http://localhost:5173/' }).corsOrigins,
    ).toEqual(['https://app.example.org', 'http://localhost:5173']);
    expect(() => loadConfig({ DATA_DIR: dataDir, CORS_ORIGINS: 'https://app.example.org/path' })).toThrow(
      /CORS_ORIGINS/,
    );
    expect(() => loadConfig({ DATA_DIR: dataDir, CORS_ORIGINS: 'app.example.org' })).toThrow(/CORS_ORIGINS/);
  });

  it('never echoes METRICS_TOKEN in a configuration error', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir, METRICS_TOKEN: 'short' })).toThrow(
      /METRICS_TOKEN: .*a value, not shown/,
    );
  });

  it('generates one VAPID key pair under DATA_DIR and keeps it across restarts', () => {
    const first = loadConfig({ DATA_DIR: dataDir }).vapid;
    expect(Buffer.from(first.publicKey, 'base64url')).toHaveLength(65);
    expect(Buffer.from(first.privateKey, 'base64url')).toHaveLength(32);
    expect(first.subject).toBe('mailto:admin@localhost');
    expect(loadConfig({ DATA_DIR: dataDir }).vapid).toEqual(first);
    expect(existsSync(join(dataDir, 'secrets', 'vapid-keys.json'))).toBe(true);
  });

  it('takes a VAPID pair from the environment only whole, and never echoes its private key', () => {
    const publicKey = `B${'A'.repeat(86)}`;
    const privateKey = 'x'.repeat(43);
    expect(loadConfig({ DATA_DIR: dataDir, VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey }).vapid).toEqual(
      {
        publicKey,
        privateKey,
        subject: 'mailto:admin@localhost',
      },
    );
    expect(() => loadConfig({ DATA_DIR: dataDir, VAPID_PUBLIC_KEY: publicKey })).toThrow(/set both or neither/);
    expect(() => loadConfig({ DATA_DIR: dataDir, VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: 'short!' })).toThrow(
      /VAPID_PRIVATE_KEY: .*a value, not shown/,
    );
  });

  it('accepts loopback push endpoints only in tests or when asked, never in production', () => {
    expect(loadConfig({ DATA_DIR: dataDir }).pushAllowLoopback).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'test' }).pushAllowLoopback).toBe(true);
    expect(loadConfig({ DATA_DIR: dataDir, PUSH_ALLOW_LOOPBACK: 'true' }).pushAllowLoopback).toBe(true);
    expect(() =>
      loadConfig({
        DATA_DIR: dataDir,
        NODE_ENV: 'production',
        JWT_SECRET: 'x'.repeat(48),
        PUSH_ALLOW_LOOPBACK: 'true',
      }),
    ).toThrow(/PUSH_ALLOW_LOOPBACK: is refused in production/);
  });

  it('hashes passwords at the OWASP argon2id baseline except under NODE_ENV=test', () => {
    expect(loadConfig({ DATA_DIR: dataDir }).passwordHashing).toBe('owasp');
    expect(loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(48) }).passwordHashing).toBe(
      'owasp',
    );
    expect(loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'test' }).passwordHashing).toBe('test');
  });

  it('keeps documents on local disk by default, with no signed URLs', () => {
    expect(loadConfig({ DATA_DIR: dataDir }).storage).toEqual({ driver: 'local', signedUrlSeconds: 0 });
  });

  it('reads the s3 settings, with path-style addressing and us-east-1 by default', () => {
    const storage = loadConfig({
      DATA_DIR: dataDir,
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_BUCKET: 'alveole-files',
      S3_ACCESS_KEY_ID: 'key-id',
      S3_SECRET_ACCESS_KEY: 'secret-key',
      STORAGE_SIGNED_URL_SECONDS: '300',
    }).storage;
    expect(storage).toEqual({
      driver: 's3',
      signedUrlSeconds: 300,
      s3: {
        endpoint: 'http://127.0.0.1:9000',
        region: 'us-east-1',
        bucket: 'alveole-files',
        accessKeyId: 'key-id',
        secretAccessKey: 'secret-key',
        forcePathStyle: true,
      },
    });
    const virtualHosted = loadConfig({
      DATA_DIR: dataDir,
      STORAGE_DRIVER: 's3',
      S3_REGION: 'eu-west-3',
      S3_BUCKET: 'alveole-files',
      S3_ACCESS_KEY_ID: 'key-id',
      S3_SECRET_ACCESS_KEY: 'secret-key',
      S3_FORCE_PATH_STYLE: 'false',
    }).storage;
    expect(virtualHosted).toMatchObject({ s3: { endpoint: undefined, region: 'eu-west-3', forcePathStyle: false } });
  });

  it('refuses s3 without its bucket and keys, naming each', () => {
    expect(problemsOf({ DATA_DIR: dataDir, STORAGE_DRIVER: 's3' })).toEqual([
      'S3_BUCKET: is required when STORAGE_DRIVER=s3',
      'S3_ACCESS_KEY_ID: is required when STORAGE_DRIVER=s3',
      'S3_SECRET_ACCESS_KEY: is required when STORAGE_DRIVER=s3',
    ]);
    expect(problemsOf({ DATA_DIR: dataDir, STORAGE_DRIVER: 's3', S3_BUCKET: 'alveole-files' })).toHaveLength(2);
  });

  it('refuses a bad driver, endpoint, bucket or signed-URL lifetime, and never echoes the s3 keys', () => {
    const s3 = {
      DATA_DIR: dataDir,
      STORAGE_DRIVER: 's3',
      S3_BUCKET: 'alveole-files',
      S3_ACCESS_KEY_ID: 'key-id',
      S3_SECRET_ACCESS_KEY: 'secret-key',
    };
    expect(problemsOf({ DATA_DIR: dataDir, STORAGE_DRIVER: 'ftp' })).toEqual([
      expect.stringMatching(/^STORAGE_DRIVER:/),
    ]);
    expect(problemsOf({ ...s3, S3_ENDPOINT: 'minio:9000' })).toEqual([expect.stringMatching(/^S3_ENDPOINT:/)]);
    expect(problemsOf({ ...s3, S3_BUCKET: 'Bad_Bucket' })).toEqual([expect.stringMatching(/^S3_BUCKET:/)]);
    expect(problemsOf({ DATA_DIR: dataDir, STORAGE_SIGNED_URL_SECONDS: '3601' })).toEqual([
      expect.stringMatching(/^STORAGE_SIGNED_URL_SECONDS:/),
    ]);
    // env values are strings: a number stands for any value the validation would refuse
    const keyId = 123456789;
    const problems = problemsOf({ ...s3, S3_ACCESS_KEY_ID: keyId as unknown as string });
    expect(problems).toEqual([expect.stringMatching(/^S3_ACCESS_KEY_ID: .*a value, not shown/)]);
    expect(problems.join()).not.toContain(String(keyId));
  });
});

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
