import { FastQuery } from '../database/fast-query';

/**
 * One context's share of the daily retention job: it deletes its own rows past their retention period.
 * Provided by each context and composed by the app (RetentionModule.withTasks), as erasure participants
 * are: core knows no table.
 */
export interface RetentionTask {
  /** Names the rows in the job's log line and result, e.g. `audit_log`. */
  readonly name: string;
  /** Deletes what is past its period at `now`; the number of rows deleted. */
  purge(now: Date): Promise<number>;
}

export const RETENTION_TASKS = Symbol('RETENTION_TASKS');

const BATCH = 5000;

/** The moment `days` before `now`: rows older than it have outlived their period. */
export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 86_400_000);
}

/**
 * Deletes the rows `where` selects, BATCH at a time (a short lock each, never one statement over
 * millions of rows); `where` takes the cutoff as $1 and should be served by an index.
 */
export async function deleteInBatches(db: FastQuery, table: string, where: string, cutoff: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const [{ n: deleted }] = await db.rows<{ n: number }>(
      `WITH gone AS (
         DELETE FROM ${table} WHERE ctid = ANY(ARRAY(SELECT ctid FROM ${table} WHERE ${where} LIMIT ${BATCH}))
         RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [cutoff],
    );
    total += deleted;
    if (deleted < BATCH) return total;
  }
}
