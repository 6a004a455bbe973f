import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SphereKind, Visibility } from './sphere.entity';

export const SPHERE_REQUEST_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type SphereRequestStatus = (typeof SPHERE_REQUEST_STATUSES)[number];

/** A member asks for a new sphere under a parent; a system manager in scope of the parent decides. */
@Entity('sphere_requests')
export class SphereRequestEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'organisation_id' }) organisationId: string;
  @Column('uuid', { name: 'parent_id' }) parentId: string;
  @Column('text') name: string;
  @Column('text') reason: string;
  @Column('text', { nullable: true }) kind: SphereKind | null;
  @Column('text', { nullable: true }) visibility: Visibility | null;
  @Column('uuid', { name: 'requested_by' }) requestedBy: string;
  @Column('text') status: SphereRequestStatus;
  @Column('uuid', { name: 'decided_by', nullable: true }) decidedBy: string | null;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt: Date | null;
  @Column('text', { name: 'decision_reason', nullable: true }) decisionReason: string | null;
  @Column('uuid', { name: 'sphere_id', nullable: true }) sphereId: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
}
