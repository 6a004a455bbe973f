import { AbilityBuilder, createMongoAbility, MongoAbility } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { AuthContext } from './auth-context';

export const ACTIONS = ['manage', 'create', 'read', 'update', 'delete'] as const;
export type Action = (typeof ACTIONS)[number];

/** Subjects known to the rules; each context adds its own as it arrives. */
export const SUBJECTS = ['all', 'Me', 'Session', 'Instance', 'Jobs', 'Organisation'] as const;
export type SubjectName = (typeof SUBJECTS)[number];

export type AppAbility = MongoAbility<[Action, SubjectName | Record<string, unknown>]>;

/**
 * The single place where roles become permissions (DESIGN.md §3). Built once per request by the
 * PolicyGuard from the caller's instance role (and, as they arrive, organisation roles and memberships).
 */
@Injectable()
export class AbilityFactory {
  forUser(auth: AuthContext | null): AppAbility {
    const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
    if (auth) {
      can('read', 'Me');
      can('manage', 'Session');
      if (auth.instanceRole === 'instance_admin') can('manage', 'all');
    }
    return build();
  }
}
