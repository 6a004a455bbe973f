import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { S3Settings } from '@alveole/core';

export interface S3TestServer {
  /** Settings of its one bucket, as STORAGE_DRIVER=s3 would read them. */
  settings: S3Settings;
  /** The same, as environment variables for `startTestApp({ env })`. */
  env: Record<string, string>;
  /** Where it keeps its objects (each under `<bucket>/<key>._S3rver_object`). */
  directory: string;
  close(): Promise<void>;
}

/**
 * An S3-compatible server (s3rver, objects on disk) on a random loopback port, with one empty bucket,
 * for one test file. What s3rver lacks: SigV4 signature checks (any signature passes),
 * AbortMultipartUpload and ListMultipartUploads, and `Range: bytes=0-0` (it sends the whole object).
 */
export async function startS3Server(): Promise<S3TestServer> {
  const directory = mkdtempSync(join(tmpdir(), 'alveole-s3-'));
  const bucket = 'alveole-test';
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory,
    silent: true,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  // s3rver's own credentials
  const settings: S3Settings = {
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    bucket,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
  };
  return {
    settings,
    env: {
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: settings.endpoint!,
      S3_REGION: settings.region,
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: settings.accessKeyId,
      S3_SECRET_ACCESS_KEY: settings.secretAccessKey,
    },
    directory,
    async close() {
      // clients keep connections alive: close them, or close() waits for their idle timeout
      server.httpServer?.closeAllConnections();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
