import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@alveole/core';
import type { ErasureParticipant, ErasureScope } from '@alveole/identity';

/**
 * The documents context's part of an erasure: my uploads follow the organisation's
 * `content_on_erasure`. `delete` marks them deleted as long ago as the retention period, so the
 * storage sweep's next pass removes their bytes and then their rows; `anonymise` keeps them, uploaded
 * by a "former member". Whatever else names the person (folders made, deletions done) forgets them.
 */
@Injectable()
export class DocumentsErasure implements ErasureParticipant {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async erase(manager: EntityManager, userId: string, scope: ErasureScope): Promise<void> {
    const params = [userId, scope.organisationId ?? null];
    const inScope = `($2::uuid IS NULL OR d.organisation_id = $2)`;
    await manager.query(
      `UPDATE documents d SET deleted_at = now() - make_interval(days => $3), deleted_by = NULL
        WHERE d.uploaded_by = $1 AND ${inScope} AND (d.deleted_at IS NULL OR d.deleted_at > now() - make_interval(days => $3))
          AND EXISTS (SELECT 1 FROM organisations o WHERE o.id = d.organisation_id AND o.content_on_erasure = 'delete')`,
      [...params, this.config.documents.retentionDays],
    );
    await manager.query(`UPDATE documents d SET uploaded_by = NULL WHERE d.uploaded_by = $1 AND ${inScope}`, params);
    await manager.query(`UPDATE documents d SET deleted_by = NULL WHERE d.deleted_by = $1 AND ${inScope}`, params);
    await manager.query(
      `UPDATE document_versions v SET uploaded_by = NULL FROM documents d
        WHERE d.id = v.document_id AND v.uploaded_by = $1 AND ${inScope}`,
      params,
    );
    await manager.query(
      `UPDATE document_folders d SET created_by = NULL WHERE d.created_by = $1 AND ${inScope}`,
      params,
    );
  }
}
