import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions, newId } from '@alveole/core';

/**
 * PGlite has one session. Without serialisation, a rollback in one TypeORM transaction undoes
 * statements another transaction ran meanwhile (a committed row lost: STACK-NOTES.md).
 */
describe('embedded PGlite under concurrent transactions', () => {
  let db: DataSource;
  const dataDir = mkdtempSync(join(tmpdir(), 'alveole-pglite-'));

  // PGlite's cold start and the migrations take 40 to 70 s on a loaded 2-core machine (as in embedded-mode)
  beforeAll(async () => {
    db = new DataSource(dataSourceOptions({ dataDir, databasePoolSize: 1 }, [], { runMigrations: true }));
    await db.initialize();
  }, 120_000);
  afterAll(async () => {
    await db.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const insertUser = (runner: { query: DataSource['query'] }, id: string) =>
    runner.query(`INSERT INTO users (id, email, display_name, password_hash) VALUES ($1, $2, 'x', 'x')`, [
      id,
      `${id}@example.org`,
    ]);

  it('keeps a commit that interleaves with another transaction rolling back', async () => {
    const kept = newId();
    const rolledBack = newId();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));

    const failing = db
      .transaction(async (manager) => {
        await insertUser(manager, rolledBack);
        await gate; // hold the transaction open while the other one tries to run
        throw new Error('abort');
      })
      .catch((error: Error) => error.message);
    const committing = db.transaction(async (manager) => insertUser(manager, kept));
    setTimeout(release, 50);

    expect(await failing).toBe('abort');
    await committing;
    const ids = (
      (await db.query(`SELECT id FROM users WHERE id = ANY($1::uuid[])`, [[kept, rolledBack]])) as { id: string }[]
    ).map((r) => r.id);
    expect(ids).toEqual([kept]);
  });

  it('runs many concurrent writers without losing any', async () => {
    const ids = Array.from({ length: 20 }, () => newId());
    await Promise.all(ids.map((id) => db.transaction((manager) => insertUser(manager, id))));
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM users WHERE id = ANY($1::uuid[])`, [ids])) as {
      n: number;
    }[];
    expect(n).toBe(20);
  });
});
