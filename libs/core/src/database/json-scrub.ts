import { EntityManager } from 'typeorm';

/** What an erasure takes out of stored JSON: the id (for its pseudonym) and whole identifying values. */
export interface JsonScrub {
  userId: string;
  pseudonymId: string;
  /** E-mail, display name: a JSON string equal to one of them becomes null. */
  identifying: string[];
}

/** The value with the id replaced by the pseudonym id (in keys and strings) and identifying strings nulled. */
export function scrubJson(value: unknown, scrub: JsonScrub): unknown {
  if (typeof value === 'string') {
    if (scrub.identifying.includes(value)) return null;
    return value.split(scrub.userId).join(scrub.pseudonymId);
  }
  if (Array.isArray(value)) return value.map((item) => scrubJson(item, scrub));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key.split(scrub.userId).join(scrub.pseudonymId),
        scrubJson(item, scrub),
      ]),
    );
  }
  return value;
}

/**
 * Scrubs one jsonb column of every row that mentions the person (rows keyed by `id`). Rows are read
 * and written one by one: an erasure touches few of them, and JSON is safer rewritten as JSON than as
 * text. Returns the ids of the rows it changed.
 */
export async function scrubJsonColumn(
  manager: EntityManager,
  table: string,
  column: string,
  scrub: JsonScrub,
  extraCondition = 'true',
  extraParams: unknown[] = [],
): Promise<string[]> {
  const rows = (await manager.query(
    `SELECT id, ${column} AS value FROM ${table}
      WHERE ${column} IS NOT NULL AND ${extraCondition}
        AND (strpos(${column}::text, $1) > 0
             OR EXISTS (SELECT 1 FROM unnest($2::text[]) v WHERE strpos(${column}::text, to_jsonb(v)::text) > 0))
      FOR UPDATE`,
    [scrub.userId, scrub.identifying, ...extraParams],
  )) as { id: string; value: unknown }[];
  for (const row of rows) {
    await manager.query(`UPDATE ${table} SET ${column} = $2::jsonb WHERE id = $1`, [
      row.id,
      JSON.stringify(scrubJson(row.value, scrub)),
    ]);
  }
  return rows.map((row) => row.id);
}
