import { Injectable } from '@nestjs/common';
import { AccessGate, Action, AuthContext, CallerAccess, sphereSubject } from '@alveole/access';
import { postSubject } from './content.rules';
import { ContentSphere } from './content-sphere';
import { PostRecord } from './posts.repository';

/** The content context's questions to the access gate, in the words of its own records. */
@Injectable()
export class ContentAccess {
  constructor(private readonly gate: AccessGate) {}

  of(auth: AuthContext, options?: { keepAbility?: boolean }): Promise<CallerAccess> {
    return this.gate.of(auth, options);
  }

  /** A sphere whose posts the caller reads: 404 when they may not see it, 403 when they only see it. */
  readableSphere(access: CallerAccess, sphere: ContentSphere | null): ContentSphere {
    const seen = this.gate.visible(access, sphere, sphereSubject, 'Sphere');
    this.gate.assert(access, 'read_content', sphereSubject(seen));
    return seen;
  }

  /** May the caller post here? Refusals name their reason (archived, muted, announcement sphere, charter). */
  assertMayPost(access: CallerAccess, sphere: ContentSphere): void {
    this.gate.assert(access, 'post', sphereSubject(sphere));
  }

  readablePost(access: CallerAccess, post: PostRecord | null): PostRecord {
    return this.gate.visible(access, post, postSubject, 'Post');
  }

  allowedOnPost(access: CallerAccess, action: Action, post: PostRecord | null): PostRecord {
    return this.gate.allowed(access, action, post, postSubject, 'Post');
  }

  can(access: CallerAccess, action: Action, post: PostRecord): boolean {
    return access.ability.can(action, postSubject(post));
  }

  /**
   * Does the caller see everyone's pending and hidden posts, and hidden and removed comments, in this
   * sphere (its animators)? Asked of the post
   * rules: the sphere's `moderate` is also held by system managers in scope, who read content only
   * as members (DESIGN.md §3).
   */
  seesPendingPosts(access: CallerAccess, sphere: { id: string; archived: boolean }): boolean {
    const someoneElses = { id: '', sphereId: sphere.id, authorId: '', status: 'pending' as const };
    return access.ability.can(
      'read',
      postSubject({ ...someoneElses, sphereArchived: sphere.archived, olderThanReader: false }),
    );
  }
}
