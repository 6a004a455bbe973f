import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { create as attachmentDisposition } from 'content-disposition';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { S3Settings } from '@alveole/core';
import { ByteRange, FileStorage, SignedDownload, StoredObjectMissing } from './file-storage';
import { assertStorageKey } from './storage-keys';

/**
 * An S3-compatible bucket (AWS, MinIO, Garage, Scaleway, OVH…): what several api nodes share. Uploads
 * stream through lib-storage's `Upload` (one PUT under 5 MiB, multipart above), so a body of unknown
 * length is never buffered whole.
 */
export class S3FileStorage implements FileStorage {
  readonly driver = 's3';

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  static fromSettings(settings: S3Settings): S3FileStorage {
    const client = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
      // the SDK's default CRC32 checksums on every request are refused by several S3-compatible servers
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    return new S3FileStorage(client, settings.bucket);
  }

  async write(key: string, body: Readable): Promise<{ size: number }> {
    assertStorageKey(key);
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        done(null, chunk);
      },
    });
    // recorded as it happens: what the caller raised (a 413) is what write() must reject with
    let bodyError: unknown;
    body.once('error', (error) => (bodyError ??= error));
    // a failure of the body reaches the upload through `counter`, which it destroys
    pipeline(body, counter).catch(() => undefined);
    // When reading the body fails, `done()` aborts the multipart upload (awaited) before rejecting, and a
    // body under one part is never sent: nothing is left under the key. (`upload.abort()` would reject at
    // once and abort the multipart upload later, in the background.)
    const upload = new Upload({ client: this.client, params: { Bucket: this.bucket, Key: key, Body: counter } });
    try {
      await upload.done();
    } catch (error) {
      const failure = bodyError ?? error;
      counter.destroy(); // S3 failed first: stop reading the body
      throw failure;
    }
    return { size };
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    assertStorageKey(key);
    try {
      const object = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
      // in Node the SDK's body is an http.IncomingMessage
      return object.Body as Readable;
    } catch (error) {
      throw isMissing(error) ? new StoredObjectMissing(key) : error;
    }
  }

  async stat(key: string): Promise<{ size: number } | null> {
    assertStorageKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: head.ContentLength ?? 0 };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    // S3 answers 204 whether or not there was an object
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async signedDownloadUrl(key: string, download: SignedDownload): Promise<string> {
    assertStorageKey(key);
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentDisposition: attachmentDisposition(download.fileName),
      ResponseContentType: download.contentType,
    });
    return await getSignedUrl(this.client, command, { expiresIn: download.expiresInSeconds });
  }

  onModuleDestroy(): void {
    this.client.destroy();
  }
}

// GetObject says NoSuchKey, HeadObject (no body) only NotFound; NoSuchBucket stays an error
function isMissing(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'NoSuchKey' || name === 'NotFound';
}
