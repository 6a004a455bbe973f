import { Action, AppAbility, AccessProfile, postSubject, sphereSubject } from '@alveole/access';
import { AppException } from '@alveole/core';
import { StructureErrors } from '@alveole/structure';
import { ContentErrors } from './content.errors';
import { ContentSphere } from './content-sphere';
import { PostRecord } from './posts.repository';

/**
 * Record checks of the content context, in the order a user should hear about them: what they may
 * not see is 404, an archived sphere is 409, a rule they could satisfy (the charter) is its own 403.
 */
export function readableSphere(ability: AppAbility, sphere: ContentSphere | null): ContentSphere {
  if (!sphere || !ability.can('read', sphereSubject(sphere))) throw AppException.notFound('Sphere');
  if (!ability.can('read_content', sphereSubject(sphere))) throw AppException.forbidden();
  return sphere;
}

/** May the caller post in this sphere? The reason of a refusal is told precisely. */
export function assertMayPost(ability: AppAbility, profile: AccessProfile, sphere: ContentSphere): void {
  const membership = profile.memberships.find((m) => m.sphereId === sphere.id);
  if (!ability.can('post', sphereSubject(sphere))) {
    if (sphere.archived && ability.can('post', sphereSubject({ ...sphere, archived: false })))
      throw StructureErrors.archived();
    if (membership?.status === 'muted') throw ContentErrors.muted();
    if (
      sphere.postingPolicy === 'animators' &&
      ability.can('post', sphereSubject({ ...sphere, postingPolicy: 'members' }))
    )
      throw ContentErrors.animatorsOnly();
    throw AppException.forbidden();
  }
  assertCharterAccepted(profile, sphere.id);
}

export function assertCharterAccepted(profile: AccessProfile, sphereId: string): void {
  const membership = profile.memberships.find((m) => m.sphereId === sphereId);
  if (membership?.mustAcceptCharter) throw ContentErrors.charterAcceptanceRequired(!membership.charterVersionAccepted);
}

/**
 * Does the caller see everyone's pending posts in this sphere (its animators)? Asked of the post
 * rules: the sphere's `moderate` is also held by system managers in scope, who read content only
 * as members (DESIGN.md §3).
 */
export function seesPendingPosts(ability: AppAbility, sphere: { id: string; archived: boolean }): boolean {
  const someoneElses = { id: '', sphereId: sphere.id, authorId: '', status: 'pending' as const };
  return ability.can('read', postSubject({ ...someoneElses, sphereArchived: sphere.archived }));
}

export function readablePost(ability: AppAbility, post: PostRecord | null): PostRecord {
  if (!post || !ability.can('read', postSubject(post)) || !visibleInHistory(post)) throw AppException.notFound('Post');
  return post;
}

/** 404 when the post is not readable, 409 when only the archive stops the action, else 403. */
export function allowedOnPost(ability: AppAbility, action: Action, post: PostRecord | null): PostRecord {
  const seen = readablePost(ability, post);
  if (ability.can(action, postSubject(seen))) return seen;
  if (seen.sphereArchived && ability.can(action, postSubject({ ...seen, sphereArchived: false })))
    throw StructureErrors.archived();
  if ((action === 'comment' || action === 'react') && seen.status !== 'published') throw ContentErrors.notPublished();
  throw AppException.forbidden();
}

/** Posts older than the reader's arrival stay hidden in spheres that keep their history to themselves. */
function visibleInHistory(post: PostRecord): boolean {
  const { sphere } = post;
  return sphere.historyVisibleToNewcomers || !sphere.joinedAt || post.createdAt >= sphere.joinedAt;
}
