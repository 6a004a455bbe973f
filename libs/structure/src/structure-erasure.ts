import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ErasureParticipant, ErasureScope } from '@alveole/identity';
import { AppException } from '@alveole/core';
import { StructureErrors } from './structure.errors';

/**
 * The structure context's part of an erasure: refuses it while the person is the last owner of an
 * organisation (hand over first), then removes their memberships, roles, and join and sphere requests.
 * What they granted, invited or decided keeps its row, without them (the foreign keys set null).
 */
@Injectable()
export class StructureErasure implements ErasureParticipant {
  async erase(manager: EntityManager, userId: string, scope: ErasureScope): Promise<void> {
    const org = scope.organisationId ?? null;
    if (org) {
      const member = (await manager.query(
        `SELECT 1 FROM organisation_members WHERE organisation_id = $1 AND user_id = $2`,
        [org, userId],
      )) as unknown[];
      if (member.length === 0) throw AppException.notFound('Member');
    }
    // the owners' rows are locked, as a role revocation locks them: the two cannot both pass the check
    const lastOwned = (await manager.query(
      `SELECT r.organisation_id FROM role_assignments r
        WHERE r.user_id = $1 AND ($2::uuid IS NULL OR r.organisation_id = $2)
          AND r.role = 'org_owner' AND r.scope_sphere_id IS NULL AND r.revoked_at IS NULL
          AND (r.expires_at IS NULL OR r.expires_at > now())
          AND NOT EXISTS (
            SELECT 1 FROM role_assignments o
             WHERE o.organisation_id = r.organisation_id AND o.user_id <> $1 AND o.role = 'org_owner'
               AND o.scope_sphere_id IS NULL AND o.revoked_at IS NULL AND (o.expires_at IS NULL OR o.expires_at > now()))
        FOR UPDATE`,
      [userId, org],
    )) as unknown[];
    if (lastOwned.length > 0) throw StructureErrors.lastOwner();
    const params = [userId, org];
    const inScope = `($2::uuid IS NULL OR organisation_id = $2)`;
    await manager.query(`DELETE FROM memberships WHERE user_id = $1 AND ${inScope}`, params);
    await manager.query(`DELETE FROM role_assignments WHERE user_id = $1 AND ${inScope}`, params);
    await manager.query(`DELETE FROM sphere_requests WHERE requested_by = $1 AND ${inScope}`, params);
    await manager.query(`DELETE FROM organisation_members WHERE user_id = $1 AND ${inScope}`, params);
  }
}
