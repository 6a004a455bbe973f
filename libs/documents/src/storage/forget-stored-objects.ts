import { EntityManager } from 'typeorm';

/**
 * Hands bytes no row owns any more (another context's, e.g. an erased person's data exports) to the
 * storage sweep, in the caller's transaction: they are recorded as an upload that died long ago, so
 * the sweep's next pass removes them. Durable where a delete after commit could be lost.
 */
export async function forgetStoredObjects(manager: EntityManager, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await manager.query(
    `INSERT INTO stored_objects_pending (storage_key, created_at)
     SELECT unnest($1::text[]), now() - interval '2 days'
     ON CONFLICT (storage_key) DO UPDATE SET created_at = EXCLUDED.created_at`,
    [keys],
  );
}
