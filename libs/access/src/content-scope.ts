import { AccessProfile } from './access-profile';
import { sphereRoleAtLeast } from './roles';

/** What a reader may read across spheres, as data a repository turns into SQL (feeds, search). */
export interface ContentScope {
  /** Spheres whose content the reader reads (active or muted memberships): the `read_content` rule. */
  readable: string[];
  /** Spheres the reader moderates (active animators and sphere admins): they also see pending posts. */
  moderated: string[];
}

/** The same rules as AbilityFactory's `read_content` on spheres and `read` on pending posts, as lists. */
export function contentScope(profile: AccessProfile): ContentScope {
  const readable: string[] = [];
  const moderated: string[] = [];
  for (const membership of profile.memberships) {
    if (membership.status !== 'active' && membership.status !== 'muted') continue;
    readable.push(membership.sphereId);
    if (membership.status === 'active' && sphereRoleAtLeast(membership.role, 'animator'))
      moderated.push(membership.sphereId);
  }
  return { readable, moderated };
}
