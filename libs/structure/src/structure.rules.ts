import { AccessErrors, AccessRules, defineSubject, reshape, subjectNameOf } from '@alveole/access';

declare module '@alveole/access' {
  interface AccessActions {
    join: true;
    create_child: true;
    move: true;
    archive: true;
    read_members: true;
    manage_members: true;
    moderate: true;
    read_content: true;
    accept_charter: true;
    edit_charter: true;
  }
  interface AccessSubjects {
    SphereRequest: { organisationId: string };
    Invitation: never;
    /** The instance's brands: instance admins only (they hold `manage all`); nobody else is granted it. */
    Brand: never;
  }
}

const sphereRequestRecord = defineSubject('SphereRequest');
/** The sphere requests of an organisation, for organisation-wide checks. */
export const sphereRequestsOf = (organisationId: string) => sphereRequestRecord({ organisationId });

/**
 * The structure's rules (DESIGN.md §2 "Roles"): organisation members see its listed spheres, members
 * their own (even secret) ones; organisation roles run a subtree (path prefix) but never read its
 * content; sphere admins run their sphere. Archived spheres are read-only, whoever asks.
 */
export const structureRules: AccessRules = {
  name: 'structure',
  define(profile, sets, { can, cannot }) {
    // whoever holds an invitation code may try it; the code itself is the record check
    can('join', 'Invitation');
    const orgIds = profile.organisationIds;
    can('read', 'Organisation', { id: { $in: orgIds } });
    can('read', 'Sphere', { organisationId: { $in: orgIds }, visibility: { $in: ['public', 'private'] } });
    can('join', 'Sphere', {
      organisationId: { $in: orgIds },
      visibility: { $in: ['public', 'private'] },
      archived: false,
    });
    can('create', 'SphereRequest', { organisationId: { $in: orgIds } });
    can('read', 'Sphere', { id: { $in: sets.visible } });
    // instance admins read content only as members, like anyone (the grant below gives it back)
    if (profile.instanceRole === 'instance_admin') cannot(['read_content', 'accept_charter'], 'Sphere');
    can(['read_content', 'read_members', 'accept_charter'], 'Sphere', { id: { $in: sets.reading } });
    can('moderate', 'Sphere', { id: { $in: sets.moderating } });
    can(['update', 'archive', 'manage_members'], 'Sphere', { id: { $in: sets.administering } });

    for (const held of profile.orgRoles) {
      const inScope = held.scopePath
        ? { organisationId: held.organisationId, path: { $regex: `^${held.scopePath}` } }
        : { organisationId: held.organisationId };
      can('read', 'Organisation', { id: held.organisationId });
      can(
        ['read', 'read_members', 'manage_members', 'moderate', 'create_child', 'update', 'move', 'archive'],
        'Sphere',
        inScope,
      );
      can(['read', 'update'], 'SphereRequest', { organisationId: held.organisationId });
      if (held.role === 'org_owner' && !held.scopePath) can('update', 'Organisation', { id: held.organisationId });
      // the charter binds the whole organisation: only its unscoped owners and system managers edit it
      if (!held.scopePath) can('edit_charter', 'Organisation', { id: held.organisationId });
    }
  },
  restrict(_profile, _sets, { cannot }) {
    cannot(['update', 'create_child', 'manage_members', 'join', 'moderate'], 'Sphere', { archived: true });
  },
  reasons: [
    // only the archive stands in the way: 409, so the caller knows no one can do it
    ({ ability, action, subject }) =>
      subjectNameOf(subject) === 'Sphere' &&
      subject.archived === true &&
      ability.can(action, reshape(subject, { archived: false }))
        ? AccessErrors.archived()
        : undefined,
  ],
};
