import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthContext } from '@alveole/access';
import { DomainEvents } from '@alveole/core';
import { ContentAccess } from './content-access';
import { ContentEvents } from './content.events';
import { ReactionsRepository } from './reactions.repository';
import { PostsRepository } from './posts.repository';

/** The reactions a post accepts; a closed list keeps counts meaningful and payloads small. */
export const REACTION_KINDS = ['like', 'love', 'celebrate', 'support', 'insightful', 'curious'] as const;
export type ReactionKind = (typeof REACTION_KINDS)[number];

export interface ReactionState {
  postId: string;
  reactionCounts: Record<string, number>;
  myReactions: string[];
}

/** PUT and DELETE of one reaction kind: idempotent, counted once under concurrency. */
@Injectable()
export class ReactionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reactions: ReactionsRepository,
    private readonly posts: PostsRepository,
    private readonly access: ContentAccess,
    private readonly events: DomainEvents,
  ) {}

  async set(auth: AuthContext, postId: string, kind: ReactionKind, on: boolean): Promise<ReactionState> {
    const access = await this.access.of(auth);
    const post = this.access.allowedOnPost(access, 'react', await this.posts.findRecord(postId, auth.userId));
    const counts = await this.dataSource.transaction(async (manager) => {
      const after = on
        ? await this.reactions.add(post, auth.userId, kind, manager)
        : await this.reactions.remove(postId, auth.userId, kind, manager);
      await this.events.publish(manager, ContentEvents.reactionChanged(post, auth.userId, after));
      return after;
    });
    const view = await this.posts.view(postId, auth.userId);
    return { postId, reactionCounts: counts, myReactions: view?.myReactions ?? [] };
  }
}
