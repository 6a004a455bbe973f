import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SphereReadScope } from '@alveole/access';

export interface AuditLogRow {
  id: string;
  actorId: string | null;
  actorName: string | null;
  /** An erased actor's pseudonym (`former-member-…`): their acts still group together. */
  actorPseudonym: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  createdAt: Date;
}

export interface AuditLogFilter {
  action?: string;
  targetId?: string;
  beforeId?: string;
  limit: number;
}

/** Reads the trail that AuditWriter writes (there is no entity: entries are never changed). */
@Injectable()
export class AuditLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Newest first, keyset on id (UUIDv7) with audit_log_org_idx, or audit_log_target_idx with a target.
   * A scoped reader sees the entries under their subtrees; organisation-level entries (no sphere path)
   * only when `all`.
   */
  /** What instance admins did to the instance itself (brands), newest first, keyset on audit_log_instance_idx. */
  async listInstance(filter: AuditLogFilter): Promise<AuditLogRow[]> {
    return (await this.dataSource.query(
      `SELECT a.id, a.actor_id AS "actorId", u.display_name AS "actorName", a.actor_pseudonym AS "actorPseudonym", a.action,
              a.target_type AS "targetType", a.target_id AS "targetId", a.before, a.after, a.created_at AS "createdAt"
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
        WHERE a.organisation_id IS NULL
          AND ($1::text IS NULL OR a.action = $1)
          AND ($2::uuid IS NULL OR a.target_id = $2)
          AND ($3::uuid IS NULL OR a.id < $3)
        ORDER BY a.id DESC
        LIMIT $4`,
      [filter.action ?? null, filter.targetId ?? null, filter.beforeId ?? null, filter.limit],
    )) as AuditLogRow[];
  }

  async list(
    organisationId: string,
    scope: Pick<SphereReadScope, 'all' | 'pathPrefixes'>,
    filter: AuditLogFilter,
  ): Promise<AuditLogRow[]> {
    if (!scope.all && scope.pathPrefixes.length === 0) return [];
    return (await this.dataSource.query(
      `SELECT a.id, a.actor_id AS "actorId", u.display_name AS "actorName", a.actor_pseudonym AS "actorPseudonym", a.action,
              a.target_type AS "targetType", a.target_id AS "targetId", a.before, a.after, a.created_at AS "createdAt"
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id
        WHERE a.organisation_id = $1
          AND ($2::boolean OR a.sphere_path LIKE ANY($3::text[]))
          AND ($4::text IS NULL OR a.action = $4)
          AND ($5::uuid IS NULL OR a.target_id = $5)
          AND ($6::uuid IS NULL OR a.id < $6)
        ORDER BY a.id DESC
        LIMIT $7`,
      [
        organisationId,
        scope.all,
        scope.pathPrefixes.map((prefix) => `${prefix}%`),
        filter.action ?? null,
        filter.targetId ?? null,
        filter.beforeId ?? null,
        filter.limit,
      ],
    )) as AuditLogRow[];
  }
}
