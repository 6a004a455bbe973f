import { Injectable, Module } from '@nestjs/common';
import { AuthContext, sphereSubject } from '@alveole/access';
import { Rooms, SUBSCRIPTION_POLICY, SubscriptionDecision, SubscriptionPolicy } from '@alveole/realtime';
import { ContentAccess } from './content-access';
import { PostsRepository } from './posts.repository';

/**
 * Who may join a sphere's rooms: the same ability as GET /spheres/:id/posts (read_content), and its
 * animators' room for those who see its pending posts. Invisible and forbidden spheres answer alike from the
 * outside ('not-found' vs 'forbidden' follows the 404/403 rule of the routes).
 */
@Injectable()
export class SphereSubscriptions implements SubscriptionPolicy {
  constructor(
    private readonly access: ContentAccess,
    private readonly posts: PostsRepository,
  ) {}

  async roomsFor(auth: AuthContext, sphereId: string): Promise<SubscriptionDecision> {
    // a socket joins a sphere once: its user's ability is not kept for this alone (~25 KB per socket otherwise)
    const access = await this.access.of(auth, { keepAbility: false });
    const sphere = await this.posts.sphereForReader(sphereId, auth.userId);
    if (!sphere || !access.ability.can('read', sphereSubject(sphere))) return { ok: false, error: 'not-found' };
    if (!access.ability.can('read_content', sphereSubject(sphere))) return { ok: false, error: 'forbidden' };
    const rooms = [Rooms.sphere(sphereId)];
    if (this.access.seesPendingPosts(access, sphere)) rooms.push(Rooms.sphereModerators(sphereId));
    return { ok: true, rooms };
  }
}

/** Handed to RealtimeModule.withSubscriptions in the api. */
@Module({
  providers: [
    PostsRepository,
    ContentAccess,
    SphereSubscriptions,
    { provide: SUBSCRIPTION_POLICY, useExisting: SphereSubscriptions },
  ],
  exports: [SUBSCRIPTION_POLICY],
})
export class ContentSubscriptionsModule {}
