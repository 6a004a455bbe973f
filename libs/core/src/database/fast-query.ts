import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

interface PoolLike {
  query(sql: string, params: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * A single read statement straight on the driver's pool (pg, or the serialised PGlite pool),
 * for the few per-request hot paths where TypeORM's query runner is measurable overhead.
 * Never inside a transaction: use the transaction's EntityManager there.
 */
@Injectable()
export class FastQuery {
  constructor(private readonly dataSource: DataSource) {}

  async rows<T>(sql: string, params: unknown[]): Promise<T[]> {
    const pool = (this.dataSource.driver as unknown as { master: PoolLike }).master;
    return (await pool.query(sql, params)).rows as T[];
  }
}
