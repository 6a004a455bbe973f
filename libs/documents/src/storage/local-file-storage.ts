import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ByteRange, FileStorage, StoredObjectMissing } from './file-storage';
import { assertStorageKey } from './storage-keys';

/**
 * Files under `<DATA_DIR>/files/<key>`: for one api node (or several sharing a volume). A write goes
 * to a temporary file beside its target and is renamed into place once complete, so a reader never
 * sees half a file and a failed upload leaves nothing under its key.
 */
export class LocalFileStorage implements FileStorage {
  readonly driver = 'local';

  constructor(private readonly root: string) {}

  async write(key: string, body: Readable): Promise<{ size: number }> {
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    // a dot name and the .part suffix: never a valid key, so never read or listed as one
    const temporary = join(dirname(target), `.${randomBytes(8).toString('hex')}.part`);
    const file = createWriteStream(temporary, { flags: 'wx' });
    try {
      // rejects with the body's own error (a 413 raised by the caller must come out unchanged)
      await pipeline(body, file);
      await rename(temporary, target);
    } catch (error) {
      // a stream destroyed while still opening creates the file afterwards: remove it once closed
      if (!file.closed) await new Promise<void>((closed) => file.once('close', () => closed()));
      await rm(temporary, { force: true });
      throw error;
    }
    return { size: file.bytesWritten };
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const path = this.pathOf(key);
    const stream = createReadStream(path, range ? { start: range.start, end: range.end } : {});
    // the open is asynchronous: wait for it, so a missing file rejects here rather than mid-response
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => {
        stream.off('error', reject);
        resolve();
      });
      stream.once('error', reject);
    }).catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' ? new StoredObjectMissing(key) : error;
    });
    return stream;
  }

  async stat(key: string): Promise<{ size: number } | null> {
    try {
      const stats = await stat(this.pathOf(key));
      return { size: stats.size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  /** None: downloads go through the api. The key is checked all the same, so both drivers refuse alike. */
  signedDownloadUrl(key: string): Promise<null> {
    return Promise.resolve().then(() => {
      assertStorageKey(key);
      return null;
    });
  }

  private pathOf(key: string): string {
    assertStorageKey(key);
    return join(this.root, key);
  }
}
