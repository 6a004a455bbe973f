import * as pg from 'pg';

/** pg's per-query type parsers (its `types` query option). */
export interface QueryTypes {
  getTypeParser(oid: number, format?: 'text' | 'binary'): unknown;
}

export interface QueryConfig {
  name?: string;
  text: string;
  values: unknown[];
  types?: QueryTypes;
}

/** What FastQuery needs of a pool: pg's `Pool`, or the serialised PGlite pool. */
export interface PoolLike {
  query(query: QueryConfig): Promise<{ rows: unknown[] }>;
}

type PoolClass = new (options: Record<string, unknown>) => unknown;

/**
 * The process's database pool, which we create ourselves and hand to TypeORM (its `driver` option),
 * so the hot read paths use it through a public API instead of reaching into TypeORM's driver.
 */
export class DatabasePool {
  private pool?: PoolLike;
  private onPg = false;

  /** A pg-like module for TypeORM's postgres driver whose Pool is ours (PGlite's, or pg's). */
  driverFor(base: { Pool: PoolClass } = pg as unknown as { Pool: PoolClass }): object {
    this.onPg = base.Pool === (pg.Pool as unknown as PoolClass);
    const keep = (pool: PoolLike) => (this.pool = pool);
    return {
      Pool: class {
        constructor(options: Record<string, unknown>) {
          return keep(new base.Pool(options) as PoolLike);
        }
      },
      defaults: pg.defaults,
      types: pg.types,
    };
  }

  get(): PoolLike {
    if (!this.pool) throw new Error('The database pool is not open yet');
    return this.pool;
  }

  /**
   * What to hand the pool's `query` for this statement. pg copies a config object through its property
   * descriptors before it runs it (~2 µs alone, 5–6 in a loaded server's profile, on every statement); a
   * Query made from the text is run as it is. Per-query types go through the config: pg reads them when
   * the Query is made. The embedded pool takes the config as it is.
   */
  statement(config: QueryConfig): QueryConfig {
    if (!this.onPg || config.types) return config;
    const query = new pg.Query(config.text, config.values) as pg.Query & { name?: string };
    if (config.name) query.name = config.name;
    return query as unknown as QueryConfig;
  }
}
