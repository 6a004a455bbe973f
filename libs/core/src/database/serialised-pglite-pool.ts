import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { EventEmitter } from 'node:events';
import { lockEmbeddedDatabase } from './embedded-lock';

type Release = (error?: unknown) => void;
type ConnectCallback = (error: unknown, client: PGliteClient | null, release: Release) => void;

interface PgLikeResult {
  rows: unknown[];
  rowCount: number;
  command: string;
  fields: unknown[];
}

/**
 * A `pg.Pool` look-alike over one PGlite database for TypeORM's postgres driver.
 *
 * PGlite has a single session, so two TypeORM "connections" would share one transaction state:
 * a rollback in one would undo the other's work. This pool hands out the session to one
 * holder at a time (FIFO); the next `connect` waits until the previous holder releases it.
 * Consequence: code must never open a second connection while holding one (it would wait forever).
 */
export class SerialisedPGlitePool extends EventEmitter {
  private readonly db: Promise<PGlite>;
  private readonly unlock: () => void;
  private queue: Promise<void> = Promise.resolve();

  constructor(dataDir: string | undefined) {
    super();
    // a second process on the same files would corrupt them (PGlite only says "Aborted()")
    this.unlock = dataDir ? lockEmbeddedDatabase(`${dataDir}.lock`) : () => undefined;
    this.db = PGlite.create({ dataDir, extensions: { pg_trgm } });
  }

  connect(callback?: ConnectCallback): Promise<PGliteClient> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = this.queue;
    this.queue = previous.then(() => turn);
    const acquired = previous.then(() => this.db).then((db) => new PGliteClient(db, release));
    if (callback) {
      acquired.then(
        (client) => callback(null, client, client.release),
        (error: unknown) => {
          release();
          callback(error, null, () => undefined);
        },
      );
    }
    return acquired;
  }

  /** pg's two call forms: (text, values) or a query config ({ text, values, name }; PGlite prepares on its own). */
  async query(sql: string | { text: string; values?: unknown[] }, params?: unknown[]): Promise<PgLikeResult> {
    const client = await this.connect();
    try {
      return typeof sql === 'string' ? await client.query(sql, params) : await client.query(sql.text, sql.values);
    } finally {
      client.release();
    }
  }

  end(callback?: (error?: unknown) => void): Promise<void> {
    const closed = this.queue
      .then(() => this.db)
      .then((db) => db.close())
      .finally(this.unlock);
    if (callback) closed.then(() => callback(), callback);
    return closed;
  }
}

export class PGliteClient extends EventEmitter {
  private released = false;

  constructor(
    private readonly db: PGlite,
    private readonly onRelease: () => void,
  ) {
    super();
  }

  readonly release = (): void => {
    if (this.released) return;
    this.released = true;
    this.onRelease();
  };

  async query(
    sql: string,
    params?: unknown[],
    callback?: (e: unknown, r?: PgLikeResult) => void,
  ): Promise<PgLikeResult> {
    try {
      const result =
        params && params.length > 0 ? await this.db.query(sql, params.map(toPgliteParam)) : await this.execAll(sql);
      const shaped = {
        rows: result.rows,
        rowCount: result.affectedRows ?? result.rows.length,
        command: commandOf(sql),
        fields: result.fields,
      };
      callback?.(null, shaped);
      return shaped;
    } catch (error) {
      callback?.(error);
      throw error;
    }
  }

  /** TypeORM sends multi-statement strings without parameters and expects the last result. */
  private async execAll(sql: string) {
    const results = await this.db.exec(sql);
    return results[results.length - 1] ?? { rows: [], affectedRows: 0, fields: [] };
  }
}

function toPgliteParam(value: unknown): unknown {
  // pg serialises plain objects as JSON; PGlite needs the string for json/jsonb parameters.
  if (
    value !== null &&
    typeof value === 'object' &&
    !(value instanceof Date) &&
    !Buffer.isBuffer(value) &&
    !Array.isArray(value)
  ) {
    return JSON.stringify(value);
  }
  return value;
}

function commandOf(sql: string): string {
  return /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? '';
}

/** Shape TypeORM's postgres driver loads in place of the `pg` module. */
export function pgliteDriverModule(dataDir: string | undefined) {
  let pool: SerialisedPGlitePool | undefined;
  return {
    Pool: class {
      constructor() {
        pool ??= new SerialisedPGlitePool(dataDir);
        return pool;
      }
    },
  };
}
