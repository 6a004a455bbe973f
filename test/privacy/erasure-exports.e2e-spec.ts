import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { FILE_STORAGE, FileStorage, StorageSweeper } from '@alveole/documents';
import { as, registerUser } from '../factories/structure';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * An erased person's data exports (issue 15): the archive is a copy of everything about them, so its
 * rows go in the erasure's transaction and its bytes with the storage sweep's next pass. Without Redis
 * the api runs the sweep, which the test calls once as its timer would.
 */
describe('erasure: data exports', () => {
  let t: TestApp;
  let storage: FileStorage;

  beforeAll(async () => {
    t = await startTestApp({ env: { REDIS_URL: '' } });
    storage = t.app.get<FileStorage>(FILE_STORAGE);
  });

  afterAll(() => t?.close());

  it('deletes the archives of my data with my account: rows at once, bytes at the next sweep', async () => {
    const me = await registerUser(t.http);
    const other = await registerUser(t.http);
    const mine = `exports/${randomUUID()}`;
    const theirs = `exports/${randomUUID()}`;
    for (const [user, key] of [
      [me, mine],
      [other, theirs],
    ] as const) {
      await storage.write(key, Readable.from([Buffer.from('PK archive of ' + user.displayName)]));
      await t.db.query(
        `INSERT INTO data_exports (id, user_id, status, storage_key, size, ready_at) VALUES ($1, $2, 'ready', $3, 20, now())`,
        [randomUUID(), user.id, key],
      );
    }

    await t.http.delete('/api/v1/me').set(as(me)).send({ password: me.password }).expect(204);

    const rows = (await t.db.query(`SELECT storage_key AS key FROM data_exports`)) as { key: string }[];
    expect(rows.map((row) => row.key)).toEqual([theirs]);
    await t.app.get(StorageSweeper).sweep();
    expect(await storage.stat(mine)).toBeNull();
    expect(await storage.stat(theirs)).not.toBeNull();
  });
});
