import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface OutboxSummary {
  pending: number;
  /** Rows whose last dispatch failed (retrying, or given up after 25 attempts), newest first. */
  failing: { id: string; jobName: string; attempts: number; lastError: string; nextAttemptAt: string | null }[];
}

/** What an instance admin sees of the background work (DESIGN.md: "see queues and health"). */
@Injectable()
export class OutboxStatus {
  constructor(private readonly dataSource: DataSource) {}

  async summary(limit = 50): Promise<OutboxSummary> {
    // both statements read only unsent rows: outbox_pending_idx
    const [{ pending }] = (await this.dataSource.query(
      `SELECT count(*)::int AS pending FROM outbox WHERE sent_at IS NULL`,
    )) as {
      pending: number;
    }[];
    const failing = (await this.dataSource.query(
      `SELECT id, event_name, attempts, last_error, available_at FROM outbox
        WHERE sent_at IS NULL AND last_error IS NOT NULL ORDER BY id DESC LIMIT $1`,
      [limit],
    )) as { id: string; event_name: string; attempts: number; last_error: string; available_at: Date }[];
    return {
      pending,
      failing: failing.map((row) => ({
        id: row.id,
        jobName: row.event_name,
        attempts: row.attempts,
        lastError: row.last_error,
        nextAttemptAt: Number.isFinite(new Date(row.available_at).getTime())
          ? new Date(row.available_at).toISOString()
          : null,
      })),
    };
  }
}
