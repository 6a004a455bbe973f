import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { SphereRole } from '@alveole/access';
import { DomainEvents, rowsOf } from '@alveole/core';
import { StructureEvents } from './structure.events';

export interface SanctionTarget {
  organisationId: string;
  userId: string;
  /** Who decided (the moderator): the membership events name them. */
  actorId: string;
}

/**
 * Sanctions on members, asked by the moderation context inside its decision's transaction: it has
 * authorised the decision (its case rules) and audit-logs it as one act, so these write no audit row
 * of their own. Each takes the member out of the sphere's rooms on every node at once.
 */
@Injectable()
export class MemberSanctions {
  constructor(private readonly events: DomainEvents) {}

  /** Muted until `until` (the access profile reads a past end as active); false when not a member. */
  async mute(manager: EntityManager, target: SanctionTarget & { sphereId: string; until: Date }): Promise<boolean> {
    const rows = rowsOf<{ role: SphereRole }>(
      await manager.query(
        `UPDATE memberships SET status = 'muted', muted_until = $4, updated_at = now()
        WHERE organisation_id = $1 AND sphere_id = $2 AND user_id = $3 AND status IN ('active', 'muted')
        RETURNING role`,
        [target.organisationId, target.sphereId, target.userId, target.until],
      ),
    );
    if (!rows.length) return false;
    await this.membershipChanged(manager, target, target.sphereId, 'muted', rows[0].role);
    return true;
  }

  /** Out of the sphere (they may ask to join again); false when not a member. */
  async removeFromSphere(manager: EntityManager, target: SanctionTarget & { sphereId: string }): Promise<boolean> {
    const rows = rowsOf<unknown>(
      await manager.query(
        `DELETE FROM memberships WHERE organisation_id = $1 AND sphere_id = $2 AND user_id = $3
          AND status IN ('active', 'muted', 'requested', 'invited')
       RETURNING user_id`,
        [target.organisationId, target.sphereId, target.userId],
      ),
    );
    if (!rows.length) return false;
    await this.membershipChanged(manager, target, target.sphereId, 'removed');
    return true;
  }

  /**
   * Banned from the organisation: out of it and of all its spheres (their memberships stay, banned,
   * so that a join says why), its roles there revoked, and kept out (organisation_bans).
   */
  async banFromOrganisation(manager: EntityManager, target: SanctionTarget & { reason: string }): Promise<void> {
    await manager.query(
      `INSERT INTO organisation_bans (organisation_id, user_id, banned_by, reason) VALUES ($1, $2, $3, $4)
       ON CONFLICT (organisation_id, user_id) DO NOTHING`,
      [target.organisationId, target.userId, target.actorId, target.reason],
    );
    const spheres = rowsOf<{ sphereId: string }>(
      await manager.query(
        `UPDATE memberships SET status = 'banned', muted_until = NULL, updated_at = now()
        WHERE organisation_id = $1 AND user_id = $2 AND status <> 'banned' RETURNING sphere_id AS "sphereId"`,
        [target.organisationId, target.userId],
      ),
    );
    await manager.query(
      `UPDATE role_assignments SET revoked_at = now() WHERE organisation_id = $1 AND user_id = $2 AND revoked_at IS NULL`,
      [target.organisationId, target.userId],
    );
    await manager.query(`DELETE FROM organisation_members WHERE organisation_id = $1 AND user_id = $2`, [
      target.organisationId,
      target.userId,
    ]);
    for (const { sphereId } of spheres) await this.membershipChanged(manager, target, sphereId, 'banned');
  }

  private membershipChanged(
    manager: EntityManager,
    target: SanctionTarget,
    sphereId: string,
    status: 'muted' | 'removed' | 'banned',
    keptRole: SphereRole | null = null,
  ): Promise<void> {
    return this.events.publish(
      manager,
      StructureEvents.membershipChanged(target.organisationId, {
        sphereId,
        userId: target.userId,
        actorId: target.actorId,
        change: status === 'muted' ? 'muted' : status === 'banned' ? 'banned' : 'removed',
        // a muted member keeps their role (and leaves the moderators' room); the others leave the sphere's rooms
        role: keptRole,
        status,
      }),
    );
  }
}
