import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FastQuery } from '@alveole/core';

/**
 * Stored objects' bookkeeping: a key is recorded as pending before its bytes are written and
 * forgotten in the transaction that records its version, so a key left pending belongs to an upload
 * that died half-way; deleted documents past their retention are purged with their versions' bytes.
 */
@Injectable()
export class StoredObjectsRepository {
  constructor(private readonly db: FastQuery) {}

  async markPending(key: string): Promise<void> {
    await this.db.rows(`INSERT INTO stored_objects_pending (storage_key) VALUES ($1)`, [key]);
  }

  async settle(key: string, manager?: EntityManager): Promise<void> {
    const sql = `DELETE FROM stored_objects_pending WHERE storage_key = $1`;
    if (manager) await manager.query(sql, [key]);
    else await this.db.rows(sql, [key]);
  }

  /** Keys pending for longer than `seconds`: their upload is over, one way or another. */
  async abandoned(seconds: number, limit: number): Promise<string[]> {
    const rows = await this.db.rows<{ key: string }>(
      `SELECT storage_key AS key FROM stored_objects_pending
        WHERE created_at < now() - make_interval(secs => $1) ORDER BY created_at LIMIT $2`,
      [seconds, limit],
    );
    return rows.map((row) => row.key);
  }

  /** Deleted documents past the retention, oldest first, with their versions' keys. */
  async expired(retentionDays: number, limit: number): Promise<{ id: string; keys: string[] }[]> {
    return this.db.rows(
      `SELECT d.id, array_agg(v.storage_key) AS keys
         FROM documents d JOIN document_versions v ON v.document_id = d.id
        WHERE d.deleted_at IS NOT NULL AND d.deleted_at < now() - make_interval(days => $1)
        GROUP BY d.id ORDER BY min(d.deleted_at) LIMIT $2`,
      [retentionDays, limit],
    );
  }

  /** The document's rows go (the versions cascade); its bytes were removed first. */
  async purge(documentId: string): Promise<void> {
    await this.db.rows(`DELETE FROM documents WHERE id = $1 AND deleted_at IS NOT NULL`, [documentId]);
  }
}
