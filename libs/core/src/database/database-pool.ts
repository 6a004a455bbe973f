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

  /** A pg-like module for TypeORM's postgres driver whose Pool is ours (PGlite's, or pg's). */
  driverFor(base: { Pool: PoolClass } = pg as unknown as { Pool: PoolClass }): object {
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
}
