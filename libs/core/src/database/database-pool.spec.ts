import * as pg from 'pg';
import { DatabasePool, QueryConfig } from './database-pool';

describe('DatabasePool.statement', () => {
  const named: QueryConfig = { name: 'hot-read', text: 'SELECT $1::int AS one', values: [1] };

  it("hands pg a Query made from the text, with the statement's name: nothing for pg to copy", () => {
    const pool = new DatabasePool();
    pool.driverFor();
    const query = pool.statement(named) as unknown as pg.Query & QueryConfig;
    expect(query).toBeInstanceOf(pg.Query);
    expect({ name: query.name, text: query.text, values: query.values }).toEqual(named);
    const unnamed = pool.statement({ text: 'SELECT 1', values: [] }) as unknown as pg.Query & QueryConfig;
    expect(unnamed.name).toBeUndefined();
  });

  it('keeps the config when it has its own types, which pg reads from the config alone', () => {
    const pool = new DatabasePool();
    pool.driverFor();
    const typed = { ...named, types: { getTypeParser: () => String } };
    expect(pool.statement(typed)).toBe(typed);
  });

  it('keeps the config for the embedded pool', () => {
    const pool = new DatabasePool();
    pool.driverFor({ Pool: class {} });
    expect(pool.statement(named)).toBe(named);
  });
});
