import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OrgRole } from '@alveole/access';

@Entity('role_assignments')
export class RoleAssignmentEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'organisation_id' }) organisationId: string;
  @Column('uuid', { name: 'user_id' }) userId: string;
  @Column('text') role: OrgRole;
  @Column('uuid', { name: 'scope_sphere_id', nullable: true }) scopeSphereId: string | null;
  @Column('timestamptz', { name: 'expires_at', nullable: true }) expiresAt: Date | null;
  @Column('uuid', { name: 'granted_by', nullable: true }) grantedBy: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt: Date | null;
  @Column('uuid', { name: 'revoked_by', nullable: true }) revokedBy: string | null;
}
