import { AccessErrors, AccessProfile, AccessRules, defineSubject, reshape, subjectNameOf } from '@alveole/access';
import { ContentErrors } from './content.errors';

/** The record shape the post rules look at. */
export interface PostFacts {
  id: string;
  sphereId: string;
  authorId: string;
  status: 'published' | 'pending' | 'hidden' | 'removed';
  sphereArchived: boolean;
  /** Written before the reader joined a sphere that keeps its history from newcomers. */
  olderThanReader: boolean;
}

declare module '@alveole/access' {
  interface AccessActions {
    post: true;
    comment: true;
    react: true;
    approve: true;
  }
  interface AccessSubjects {
    Post: PostFacts;
  }
}

export const postSubject = defineSubject('Post');

const membershipIn = (profile: AccessProfile, sphereId: unknown) =>
  profile.memberships.find((m) => m.sphereId === sphereId);
/** Writing: posting in a sphere, commenting or editing a post; the sphere it happens in, or null. */
function writingIn(action: string, subject: Record<string, unknown>): unknown {
  const kind = subjectNameOf(subject);
  if (kind === 'Sphere' && action === 'post') return subject.id;
  if (kind === 'Post' && (action === 'comment' || action === 'update')) return subject.sphereId;
  return null;
}

/**
 * Posting and posts: members post (animators only in announcement spheres), read, comment and react;
 * muted members read and react only; pending posts are seen by their author and the animators;
 * instance admins have content rights only through their memberships, like anyone.
 */
export const contentRules: AccessRules = {
  name: 'content',
  define(profile, sets, { can, cannot }) {
    const me = profile.userId;
    if (profile.instanceRole === 'instance_admin') {
      cannot('post', 'Sphere');
      cannot('manage', 'Post');
    }
    // announcement spheres (the mailing-list replacement): only animators post
    can('post', 'Sphere', { id: { $in: sets.posting }, postingPolicy: { $ne: 'animators' }, archived: false });
    can('post', 'Sphere', { id: { $in: sets.moderating }, archived: false });
    can('read', 'Post', { sphereId: { $in: sets.reading }, status: 'published' });
    can('read', 'Post', { sphereId: { $in: sets.reading }, authorId: me });
    can(['read', 'moderate', 'approve', 'delete'], 'Post', { sphereId: { $in: sets.moderating } });
    can('update', 'Post', { sphereId: { $in: sets.posting }, authorId: me });
    can('delete', 'Post', { sphereId: { $in: sets.reading }, authorId: me });
    can('comment', 'Post', { sphereId: { $in: sets.posting }, status: 'published' });
    can('react', 'Post', { sphereId: { $in: sets.reacting }, status: 'published' });
  },
  restrict(_profile, _sets, { cannot }) {
    cannot(['update', 'delete', 'moderate', 'approve', 'comment', 'react'], 'Post', { sphereArchived: true });
    // spheres that keep their history to themselves: nothing from before the reader arrived, even for animators
    cannot('read', 'Post', { olderThanReader: true });
  },
  reasons: [
    ({ ability, action, subject }) =>
      subjectNameOf(subject) === 'Post' &&
      subject.sphereArchived === true &&
      ability.can(action, reshape(subject, { sphereArchived: false }))
        ? AccessErrors.archived()
        : undefined,
    ({ profile, action, subject }) =>
      membershipIn(profile, writingIn(action, subject))?.status === 'muted' ? ContentErrors.muted() : undefined,
    ({ action, subject }) =>
      subjectNameOf(subject) === 'Post' &&
      (action === 'comment' || action === 'react') &&
      subject.status !== 'published'
        ? ContentErrors.notPublished()
        : undefined,
    ({ ability, action, subject }) =>
      action === 'post' &&
      subject.postingPolicy === 'animators' &&
      ability.can('post', reshape(subject, { postingPolicy: 'members' }))
        ? ContentErrors.animatorsOnly()
        : undefined,
  ],
  preconditions: [
    // a newer charter awaits the member's acceptance: they may not write until they accept it
    ({ profile, action, subject }) => {
      const membership = membershipIn(profile, writingIn(action, subject));
      return membership?.mustAcceptCharter
        ? ContentErrors.charterAcceptanceRequired(!membership.charterVersionAccepted)
        : undefined;
    },
  ],
};
