import { Column, Entity, PrimaryColumn } from 'typeorm';
import { SphereFacts, sphereSubject } from '@alveole/access';

export const SPHERE_KINDS = ['territorial', 'thematic'] as const;
export type SphereKind = (typeof SPHERE_KINDS)[number];
export const VISIBILITIES = ['public', 'private', 'secret'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const POSTING_POLICIES = ['members', 'animators'] as const;
export type PostingPolicy = (typeof POSTING_POLICIES)[number];
export const MODERATION_MODES = ['post', 'pre', 'pre_for_newcomers'] as const;
export type ModerationMode = (typeof MODERATION_MODES)[number];

@Entity('spheres')
export class SphereEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'organisation_id' }) organisationId: string;
  @Column('uuid', { name: 'parent_id', nullable: true }) parentId: string | null;
  /** Ids from the root down, '/'-separated and '/'-terminated: a subtree is a path prefix. */
  @Column('text') path: string;
  @Column('int') depth: number;
  @Column('text') name: string;
  @Column('text') slug: string;
  @Column('text') description: string;
  @Column('text') kind: SphereKind;
  @Column('text', { name: 'territory_code', nullable: true }) territoryCode: string | null;
  @Column('text') visibility: Visibility;
  @Column('text', { name: 'posting_policy' }) postingPolicy: PostingPolicy;
  @Column('text', { name: 'moderation_mode' }) moderationMode: ModerationMode;
  @Column('boolean', { name: 'history_visible_to_newcomers' }) historyVisibleToNewcomers: boolean;
  @Column('text', { name: 'charter_addendum', nullable: true }) charterAddendum: string | null;
  /** 0 until a first addendum; bumped by each change of its text, so members accept it again here (none when NULL). */
  @Column('int', { name: 'charter_addendum_version' }) charterAddendumVersion: number;
  @Column('timestamptz', { name: 'archived_at', nullable: true }) archivedAt: Date | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

export function sphereFacts(sphere: SphereEntity): SphereFacts {
  return {
    id: sphere.id,
    organisationId: sphere.organisationId,
    path: sphere.path,
    visibility: sphere.visibility,
    archived: sphere.archivedAt !== null,
    postingPolicy: sphere.postingPolicy,
  };
}

/** The sphere as the access gate checks it. */
export const asSphereSubject = (sphere: SphereEntity) => sphereSubject(sphereFacts(sphere));
