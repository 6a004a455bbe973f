import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Roles an invitation may carry: never `sphere_admin` (that one is granted by name, PUT /members). */
export const INVITATION_ROLES = ['animator', 'member', 'visitor'] as const;
export type InvitationRole = (typeof INVITATION_ROLES)[number];

@Entity('invitations')
export class InvitationEntity {
  @PrimaryColumn('uuid') id: string;
  /** A bearer secret: whoever has it may join; never written to the audit log. */
  @Column('text') code: string;
  @Column('uuid', { name: 'organisation_id' }) organisationId: string;
  @Column('uuid', { name: 'sphere_id' }) sphereId: string;
  @Column('text') role: InvitationRole;
  @Column('int', { name: 'max_uses', nullable: true }) maxUses: number | null;
  @Column('int') uses: number;
  @Column('timestamptz', { name: 'expires_at', nullable: true }) expiresAt: Date | null;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt: Date | null;
}
