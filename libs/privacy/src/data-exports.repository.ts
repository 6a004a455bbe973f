import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { rowsOf } from '@alveole/core';
import { KEEP_DAYS } from './export-policy';

export type ExportStatus = 'pending' | 'ready' | 'failed' | 'expired' | 'downloaded';

export interface ExportRecord {
  id: string;
  status: ExportStatus;
  size: number | null;
  requestedAt: Date;
  readyAt: Date | null;
  downloadedAt: Date | null;
  expiresAt: Date | null;
}

export interface StoredExport {
  id: string;
  storageKey: string;
  size: number;
  requestedAt: Date;
}

const COLUMNS = `id, status, size::float8 AS size, requested_at AS "requestedAt", ready_at AS "readyAt",
  downloaded_at AS "downloadedAt",
  CASE WHEN ready_at IS NULL THEN NULL ELSE ready_at + make_interval(days => ${KEEP_DAYS}) END AS "expiresAt"`;

/** data_exports and data_export_links: every signature that reads a person's rows takes their id. */
@Injectable()
export class DataExportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Serialises one person's requests, so the limits below are checked and written as one step. */
  async lockPerson(userId: string, manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('data_export:' || $1))`, [userId]);
  }

  async hasPending(userId: string, manager: EntityManager): Promise<boolean> {
    // data_exports_one_pending
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM data_exports WHERE user_id = $1 AND status = 'pending'`,
      [userId],
    );
    return rows.length > 0;
  }

  /** The requests of the last 24 hours, oldest first (data_exports_user_idx). */
  async requestedToday(userId: string, manager: EntityManager): Promise<Date[]> {
    const rows: { requested_at: Date }[] = await manager.query(
      `SELECT requested_at FROM data_exports WHERE user_id = $1 AND requested_at > now() - interval '1 day'
        ORDER BY requested_at`,
      [userId],
    );
    return rows.map((row) => new Date(row.requested_at));
  }

  async insert(id: string, userId: string, manager: EntityManager): Promise<ExportRecord> {
    const [row] = (await manager.query(`INSERT INTO data_exports (id, user_id) VALUES ($1, $2) RETURNING ${COLUMNS}`, [
      id,
      userId,
    ])) as ExportRecord[];
    return row;
  }

  async listOf(userId: string, limit: number): Promise<ExportRecord[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM data_exports WHERE user_id = $1 ORDER BY requested_at DESC, id DESC LIMIT $2`,
      [userId, limit],
    );
  }

  async findOf(userId: string, id: string, manager?: EntityManager): Promise<ExportRecord | null> {
    const rows: ExportRecord[] = await (manager ?? this.dataSource).query(
      `SELECT ${COLUMNS} FROM data_exports WHERE id = $1 AND user_id = $2`,
      [id, userId],
    );
    return rows[0] ?? null;
  }

  /** A new link ends the unused ones (they answer 410 from now on): one way in at a time. */
  async replaceLink(exportId: string, tokenHash: string, ttlSeconds: number, manager: EntityManager): Promise<Date> {
    await manager.query(
      `UPDATE data_export_links SET expires_at = least(expires_at, now()) WHERE export_id = $1 AND used_at IS NULL`,
      [exportId],
    );
    const [row] = (await manager.query(
      `INSERT INTO data_export_links (token_hash, export_id, expires_at)
       VALUES ($1, $2, now() + make_interval(secs => $3)) RETURNING expires_at`,
      [tokenHash, exportId, ttlSeconds],
    )) as { expires_at: Date }[];
    return new Date(row.expires_at);
  }

  /**
   * Uses the link once: a valid, unused link of a ready export is marked used and its export
   * downloaded, in one statement (two clicks at once: one wins). Null when it cannot be used.
   */
  async claimLink(tokenHash: string, manager: EntityManager): Promise<StoredExport | null> {
    const result: unknown = await manager.query(
      `WITH claimed AS (
         UPDATE data_export_links l SET used_at = now()
          WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > now()
            AND EXISTS (SELECT 1 FROM data_exports e WHERE e.id = l.export_id AND e.status = 'ready')
         RETURNING l.export_id)
       UPDATE data_exports e SET status = 'downloaded', downloaded_at = now()
         FROM claimed WHERE e.id = claimed.export_id
       RETURNING e.id, e.storage_key AS "storageKey", e.size::float8 AS size, e.requested_at AS "requestedAt"`,
      [tokenHash],
    );
    return rowsOf<StoredExport>(result)[0] ?? null;
  }

  async linkExists(tokenHash: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM data_export_links WHERE token_hash = $1`, [
      tokenHash,
    ]);
    return rows.length > 0;
  }
}
