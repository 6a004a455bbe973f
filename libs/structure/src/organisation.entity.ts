import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ContentOnErasure } from '@alveole/identity';

export const SPHERE_CREATION = ['managers', 'on_request', 'members'] as const;
export type SphereCreation = (typeof SPHERE_CREATION)[number];
export const MEMBERSHIP_POLICIES = ['invitation', 'open'] as const;
export type MembershipPolicy = (typeof MEMBERSHIP_POLICIES)[number];

@Entity('organisations')
export class OrganisationEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text') slug: string;
  @Column('text', { name: 'sphere_creation' }) sphereCreation: SphereCreation;
  @Column('text', { name: 'membership_policy' }) membershipPolicy: MembershipPolicy;
  @Column('int', { name: 'charter_version' }) charterVersion: number;
  /** What a leaving member's posts, comments and files become: kept as a "former member", or deleted. */
  @Column('text', { name: 'content_on_erasure' }) contentOnErasure: ContentOnErasure;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy: string | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}
