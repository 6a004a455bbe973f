import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { rowsOf } from '@alveole/core';
import { KEEP_DAYS, STUCK_AFTER_HOURS } from '../export-policy';

/** The status changes the export job and the sweep make. */
@Injectable()
export class ExportJobsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The export to build, locked; null when it is no longer pending (already built, failed, swept). */
  async pending(exportId: string, manager: EntityManager): Promise<{ id: string; userId: string } | null> {
    const rows: { id: string; userId: string }[] = await manager.query(
      `SELECT id, user_id AS "userId" FROM data_exports WHERE id = $1 AND status = 'pending' FOR UPDATE`,
      [exportId],
    );
    return rows[0] ?? null;
  }

  async markReady(exportId: string, storageKey: string, size: number, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE data_exports SET status = 'ready', storage_key = $2, size = $3, ready_at = now() WHERE id = $1`,
      [exportId, storageKey, size],
    );
  }

  async markFailed(exportId: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE data_exports SET status = 'failed', failed_at = now() WHERE id = $1`, [exportId]);
  }

  /** Archives kept longer than KEEP_DAYS, whether downloaded or not (data_exports_stored_idx). */
  async overdue(limit: number): Promise<{ id: string; storageKey: string | null }[]> {
    return this.dataSource.query(
      `SELECT id, storage_key AS "storageKey" FROM data_exports
        WHERE status IN ('ready', 'downloaded') AND ready_at < now() - make_interval(days => $1)
        ORDER BY ready_at LIMIT $2`,
      [KEEP_DAYS, limit],
    );
  }

  /** After its bytes are gone: the row stays (its owner sees "expired"), its links end (410, then swept). */
  async markExpired(exportId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE data_export_links SET expires_at = least(expires_at, now()) WHERE export_id = $1 AND used_at IS NULL`,
        [exportId],
      );
      await manager.query(
        `UPDATE data_exports SET status = 'expired', expired_at = now(), storage_key = NULL WHERE id = $1`,
        [exportId],
      );
    });
  }

  /** Pending for a day: its job was lost; failing it lets its owner ask again. */
  async failStuck(): Promise<number> {
    const result: unknown = await this.dataSource.query(
      `UPDATE data_exports SET status = 'failed', failed_at = now()
        WHERE status = 'pending' AND requested_at < now() - make_interval(hours => $1) RETURNING id`,
      [STUCK_AFTER_HOURS],
    );
    return rowsOf(result).length;
  }

  /** Links past their life are worth nothing: they go a day later (the day lets a late click hear 410, not 404). */
  async dropDeadLinks(): Promise<void> {
    await this.dataSource.query(`DELETE FROM data_export_links WHERE expires_at < now() - interval '1 day'`);
  }
}
