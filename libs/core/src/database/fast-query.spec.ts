import { DatabasePool, QueryConfig } from './database-pool';
import { FastQuery } from './fast-query';

describe('FastQuery.prepared', () => {
  function sutWith(databasePreparedStatements: boolean) {
    const sent: QueryConfig[] = [];
    const pool = {
      get: () => ({ query: (query: QueryConfig) => (sent.push(query), Promise.resolve({ rows: [{ one: 1 }] })) }),
      statement: (query: QueryConfig) => query,
    } as unknown as DatabasePool;
    return { sut: new FastQuery(pool, { databasePreparedStatements }), sent };
  }

  it('sends a named statement by default', async () => {
    const { sut, sent } = sutWith(true);
    expect(await sut.prepared('hot-read', 'SELECT $1::int AS one', [1])).toEqual([{ one: 1 }]);
    expect(sent).toEqual([{ name: 'hot-read', text: 'SELECT $1::int AS one', values: [1] }]);
  });

  it('sends it unnamed with DATABASE_PREPARED_STATEMENTS=false (a pooler in transaction mode)', async () => {
    const { sut, sent } = sutWith(false);
    expect(await sut.prepared('hot-read', 'SELECT $1::int AS one', [1])).toEqual([{ one: 1 }]);
    expect(sent).toEqual([{ text: 'SELECT $1::int AS one', values: [1] }]);
  });
});
