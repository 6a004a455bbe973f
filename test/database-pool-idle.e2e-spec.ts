import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions, loadConfig } from '@alveole/core';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * DATABASE_POOL_IDLE_SECONDS: how long the pool keeps a connection nobody uses. pg's own 10 s emptied the
 * pool after any lull, so the first requests after it paid new backends and their statements' first plans.
 */
describe('database pool idle timeout', () => {
  let database: TestDatabase;
  const pools: DataSource[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.destroy()));
    await database.drop();
  });

  /** A pool of two on the test's database whose connections have both been used once. */
  async function usedPool(idleSeconds: number): Promise<DataSource> {
    const config = loadConfig({ DATA_DIR: '.data', DATABASE_POOL_IDLE_SECONDS: String(idleSeconds) });
    const pool = new DataSource(dataSourceOptions({ ...config, databaseUrl: database.url, databasePoolSize: 2 }, []));
    pools.push(await pool.initialize());
    await Promise.all([pool.query('SELECT pg_sleep(0.05)'), pool.query('SELECT pg_sleep(0.05)')]);
    return pool;
  }

  const openConnections = async (pool: DataSource) =>
    Number(
      (
        await pool.query<{ open: string }[]>(
          `SELECT count(*) AS open FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'alveole'`,
        )
      )[0].open,
    );

  it('closes idle connections after the setting, and keeps them by default', async () => {
    expect(loadConfig({ DATA_DIR: '.data' }).databasePoolIdleSeconds).toBe(600);
    await usedPool(1);
    const keeping = await usedPool(0);
    expect(await openConnections(keeping)).toBe(4); // two each

    await new Promise((resolve) => setTimeout(resolve, 1_600));
    expect(await openConnections(keeping)).toBe(2); // the 1 s pool closed both, the other kept its two
  });

  it('refuses a negative or fractional value', () => {
    expect(() => loadConfig({ DATA_DIR: '.data', DATABASE_POOL_IDLE_SECONDS: '-1' })).toThrow(
      /DATABASE_POOL_IDLE_SECONDS/,
    );
    expect(() => loadConfig({ DATA_DIR: '.data', DATABASE_POOL_IDLE_SECONDS: '1.5' })).toThrow(
      /DATABASE_POOL_IDLE_SECONDS/,
    );
  });
});
