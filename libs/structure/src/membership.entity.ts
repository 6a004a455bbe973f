import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MembershipStatus, SphereRole } from '@alveole/access';

@Entity('memberships')
export class MembershipEntity {
  @PrimaryColumn('uuid', { name: 'sphere_id' }) sphereId: string;
  @PrimaryColumn('uuid', { name: 'user_id' }) userId: string;
  @Column('uuid', { name: 'organisation_id' }) organisationId: string;
  @Column('text') role: SphereRole;
  @Column('text') status: MembershipStatus;
  /** The sphere's addendum version accepted here (the organisation's charter is accepted on organisation_members). */
  @Column('int', { name: 'addendum_version_accepted', nullable: true }) addendumVersionAccepted: number | null;
  @Column('timestamptz', { name: 'expires_at', nullable: true }) expiresAt: Date | null;
  @Column('timestamptz', { name: 'joined_at', nullable: true }) joinedAt: Date | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}
