import type { AbilityBuilder } from '@casl/ability';
import type { AppException } from '@alveole/core';
import type { AppAbility } from './ability.factory';
import type { AccessProfile } from './access-profile';
import { sphereRoleAtLeast, SphereRole } from './roles';
import type { Action, SubjectRecord } from './subjects';

/** The caller's sphere ids by what their memberships allow, computed once per ability. */
export interface MembershipSets {
  /** Any status but banned: the spheres they see even when secret. */
  visible: string[];
  /** Active or muted: they read the content. */
  reading: string[];
  /** Active or muted, member and above: they react. */
  reacting: string[];
  /** Active, member and above: they post and comment. */
  posting: string[];
  /** Active animators and above. */
  moderating: string[];
  /** Active sphere admins. */
  administering: string[];
}

export function membershipSets(profile: AccessProfile): MembershipSets {
  const sets: MembershipSets = {
    visible: [],
    reading: [],
    reacting: [],
    posting: [],
    moderating: [],
    administering: [],
  };
  for (const { sphereId, status, role } of profile.memberships) {
    if (status === 'banned') continue;
    sets.visible.push(sphereId);
    if (status !== 'active' && status !== 'muted') continue;
    sets.reading.push(sphereId);
    if (sphereRoleAtLeast(role, 'member')) sets.reacting.push(sphereId);
    if (status !== 'active') continue;
    const at = (wanted: SphereRole) => sphereRoleAtLeast(role, wanted);
    if (at('member')) sets.posting.push(sphereId);
    if (at('animator')) sets.moderating.push(sphereId);
    if (at('sphere_admin')) sets.administering.push(sphereId);
  }
  return sets;
}

export type RuleBuilder = Pick<AbilityBuilder<AppAbility>, 'can' | 'cannot'>;

/** A refused check, as the gate hands it to the reasons. */
export interface RefusedCheck {
  ability: AppAbility;
  profile: AccessProfile;
  action: Action;
  subject: SubjectRecord;
}

/** Tells precisely why a check was refused (sphere archived, member muted…), or nothing. */
export type RefusalReason = (check: RefusedCheck) => AppException | undefined;

/** Something to satisfy once the rules allow (a charter to accept before posting), or nothing. */
export type Precondition = (check: RefusedCheck) => AppException | undefined;

/**
 * What one context contributes to the access rules: the CASL rules of its own subjects, the precise
 * reasons of refusals, and preconditions. The api composes them with AccessModule.forRoot.
 */
export interface AccessRules {
  /** For logs and tests. */
  readonly name: string;
  define(profile: AccessProfile, sets: MembershipSets, rules: RuleBuilder): void;
  /** Runs after every context's `define`: restrictions that must win (archived spheres are read-only). */
  restrict?(profile: AccessProfile, sets: MembershipSets, rules: RuleBuilder): void;
  reasons?: RefusalReason[];
  preconditions?: Precondition[];
}

export const ACCESS_RULES = Symbol('ACCESS_RULES');
