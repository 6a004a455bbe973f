import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { newId } from '@alveole/core';

export interface AuditEntry {
  /** Null for what concerns the whole instance (its brands), which instance admins read. */
  organisationId: string | null;
  actorId: string | null;
  /** `context.verb`, e.g. `sphere.moved`, `role.granted`. */
  action: string;
  targetType: string;
  targetId: string | null;
  /** Path of the sphere concerned: system managers read the entries of their subtree only. */
  spherePath: string | null;
  before?: unknown;
  after?: unknown;
}

/** Writes the audit trail in the caller's transaction: the entry exists iff the change does. */
@Injectable()
export class AuditWriter {
  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (id, organisation_id, actor_id, action, target_type, target_id, sphere_path, before, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb)`,
      [
        newId(),
        entry.organisationId,
        entry.actorId,
        entry.action,
        entry.targetType,
        entry.targetId,
        entry.spherePath,
        entry.before === undefined ? null : JSON.stringify(entry.before),
        entry.after === undefined ? null : JSON.stringify(entry.after),
      ],
    );
  }
}
