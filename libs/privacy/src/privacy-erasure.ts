import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { rowsOf } from '@alveole/core';
import { forgetStoredObjects } from '@alveole/documents';
import type { ErasureParticipant, ErasureScope } from '@alveole/identity';

/**
 * The privacy context's part of an erasure: the person's data exports go, and their archives' bytes
 * (a copy of everything about them) are handed to the storage sweep in the same transaction. Exports
 * belong to the account, not to an organisation: an owner's erasure of a member leaves them.
 */
@Injectable()
export class PrivacyErasure implements ErasureParticipant {
  async erase(manager: EntityManager, userId: string, scope: ErasureScope): Promise<void> {
    if (scope.organisationId) return;
    const gone = rowsOf<{ key: string | null }>(
      await manager.query(`DELETE FROM data_exports WHERE user_id = $1 RETURNING storage_key AS key`, [userId]),
    );
    await forgetStoredObjects(
      manager,
      gone.map((row) => row.key).filter((key): key is string => key !== null),
    );
  }
}
