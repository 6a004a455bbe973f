import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { loadConfig } from '@alveole/core';
import {
  createFileStorage,
  FileStorage,
  InvalidStorageKey,
  S3FileStorage,
  StoredObjectMissing,
} from '@alveole/documents';
import { startS3Server } from '../support/s3-server';

interface Harness {
  storage: FileStorage;
  /** Every name the driver keeps: files under DATA_DIR/files (temporary ones too), or the bucket's keys. */
  stored(): Promise<string[]>;
  dataDir: string;
  close(): Promise<void>;
}

function localHarness(): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'alveole-storage-'));
  const storage = createFileStorage(loadConfig({ DATA_DIR: dataDir }));
  const files = join(dataDir, 'files');
  return Promise.resolve({
    storage,
    dataDir,
    stored: () =>
      Promise.resolve(existsSync(files) ? readdirSync(files, { recursive: true, encoding: 'utf8' }).sort() : []),
    close: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })),
  });
}

async function s3Harness(): Promise<Harness> {
  const server = await startS3Server();
  const dataDir = mkdtempSync(join(tmpdir(), 'alveole-storage-'));
  const storage = createFileStorage(loadConfig({ DATA_DIR: dataDir, ...server.env }));
  const { settings } = server;
  const lister = new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: true,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
  });
  return {
    storage,
    dataDir,
    async stored() {
      const listing = await lister.send(new ListObjectsV2Command({ Bucket: settings.bucket }));
      return (listing.Contents ?? []).map((object) => object.Key!).sort();
    },
    async close() {
      lister.destroy();
      (storage as S3FileStorage).onModuleDestroy();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const newKey = () => `documents/${randomUUID()}`;

/** `total` random bytes in 64 KiB chunks, hashed as they are produced. */
function randomStream(total: number): { body: Readable; sha256: () => string } {
  const hash = createHash('sha256');
  function* chunks() {
    for (let sent = 0; sent < total; sent += 65_536) {
      const chunk = randomBytes(Math.min(65_536, total - sent));
      hash.update(chunk);
      yield chunk;
    }
  }
  return { body: Readable.from(chunks()), sha256: () => hash.digest('hex') };
}

/** Sends `before` bytes, then fails with `error` (a limit reached, a client gone). */
function failingStream(before: number, error: Error): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= before) return this.destroy(error);
      const chunk = randomBytes(Math.min(65_536, before - sent));
      sent += chunk.length;
      this.push(chunk);
    },
  });
}

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function sha256Of(stream: Readable): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

describe.each([
  ['local', localHarness],
  ['s3', s3Harness],
])('%s file storage', (driver, start) => {
  let h: Harness;
  beforeAll(async () => {
    h = await start();
  });
  afterAll(() => h.close());

  it('is the driver STORAGE_DRIVER names', () => {
    expect(h.storage.driver).toBe(driver);
  });

  it('reads back what it wrote, and knows its size', async () => {
    const key = newKey();
    const content = Buffer.from('Compte rendu du bureau, 3 décembre\n');
    await expect(h.storage.write(key, Readable.from([content]))).resolves.toEqual({ size: content.length });
    expect(await bytesOf(await h.storage.read(key))).toEqual(content);
    expect(await h.storage.stat(key)).toEqual({ size: content.length });
    expect(await h.stored()).toContain(key);
  });

  it('streams 20 MB in and out unchanged', async () => {
    const key = newKey();
    const source = randomStream(20 * 1024 * 1024);
    await expect(h.storage.write(key, source.body)).resolves.toEqual({ size: 20 * 1024 * 1024 });
    expect(await sha256Of(await h.storage.read(key))).toEqual({ sha256: source.sha256(), size: 20 * 1024 * 1024 });
    expect(await h.storage.stat(key)).toEqual({ size: 20 * 1024 * 1024 });
  });

  // no `0-0`: s3rver answers it with the whole object (S3 itself sends one byte)
  it('reads inclusive byte ranges: the first bytes, the middle, the last byte', async () => {
    const key = newKey();
    const content = randomBytes(1_000_003);
    await h.storage.write(key, Readable.from([content.subarray(0, 400_000), content.subarray(400_000)]));
    const range = async (start: number, end: number) => bytesOf(await h.storage.read(key, { start, end }));
    expect(await range(0, 99)).toEqual(content.subarray(0, 100));
    expect(await range(500_000, 600_000)).toEqual(content.subarray(500_000, 600_001));
    expect(await range(1_000_002, 1_000_002)).toEqual(content.subarray(1_000_002));
  });

  it('deletes, and deleting what is not there is not an error', async () => {
    const key = newKey();
    await h.storage.write(key, Readable.from([Buffer.from('à supprimer')]));
    await h.storage.delete(key);
    expect(await h.storage.stat(key)).toBeNull();
    await expect(h.storage.delete(key)).resolves.toBeUndefined();
    expect(await h.stored()).not.toContain(key);
  });

  it('says StoredObjectMissing when reading a key it does not hold, and stat says null', async () => {
    const key = newKey();
    const reading = h.storage.read(key);
    await expect(reading).rejects.toBeInstanceOf(StoredObjectMissing);
    await expect(reading).rejects.toMatchObject({ key });
    expect(await h.storage.stat(key)).toBeNull();
  });

  it.each([
    ['within the first part', 1024],
    ['past the first multipart part (5 MiB)', 6 * 1024 * 1024],
  ])('leaves nothing when the stream fails %s, and rejects with its error unchanged', async (_, before) => {
    const storedBefore = await h.stored();
    const key = newKey();
    const tooLarge = Object.assign(new Error('file too large'), { status: 413 });
    await expect(h.storage.write(key, failingStream(before, tooLarge))).rejects.toBe(tooLarge);
    expect(await h.storage.stat(key)).toBeNull();
    // no object, and on disk no temporary file either
    expect(await h.stored()).toEqual(storedBefore);
  });

  it.each([
    '../secrets/jwt-secret',
    'documents/../../secrets/jwt-secret',
    `documents/${randomUUID()}/../../../escaped`,
    `/documents/${randomUUID()}`,
    `documents/${randomUUID().toUpperCase()}`,
    `documents/${randomUUID()}\0`,
    'documents/',
  ])('refuses the key %j in every operation', async (key) => {
    await expect(h.storage.write(key, Readable.from([Buffer.from('x')]))).rejects.toBeInstanceOf(InvalidStorageKey);
    await expect(h.storage.read(key)).rejects.toBeInstanceOf(InvalidStorageKey);
    await expect(h.storage.stat(key)).rejects.toBeInstanceOf(InvalidStorageKey);
    await expect(h.storage.delete(key)).rejects.toBeInstanceOf(InvalidStorageKey);
    const download = { fileName: 'x.txt', contentType: 'text/plain', expiresInSeconds: 60 };
    await expect(h.storage.signedDownloadUrl(key, download)).rejects.toBeInstanceOf(InvalidStorageKey);
    expect(
      readdirSync(h.dataDir, { recursive: true, encoding: 'utf8' }).filter((name) => /escaped/.test(name)),
    ).toEqual([]);
  });

  it('signs a download URL on s3 (attachment, the given name and type), none on local', async () => {
    const key = newKey();
    const content = randomBytes(300_000);
    await h.storage.write(key, Readable.from([content]));
    const download = { fileName: 'Compte rendu été 2026.pdf', contentType: 'application/pdf', expiresInSeconds: 60 };
    const url = await h.storage.signedDownloadUrl(key, download);
    if (driver === 'local') {
      expect(url).toBeNull();
      return;
    }
    const response = await fetch(url!);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(content);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="Compte rendu ?t? 2026.pdf"; filename*=UTF-8''Compte%20rendu%20%C3%A9t%C3%A9%202026.pdf`,
    );
  });
});
