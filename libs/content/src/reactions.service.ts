import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthContext } from '@alveole/access';
import { AccessProfiles } from '@alveole/structure';
import { allowedOnPost } from './content-guards';
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
    private readonly access: AccessProfiles,
    private readonly events: ContentEvents,
  ) {}

  async set(auth: AuthContext, postId: string, kind: ReactionKind, on: boolean): Promise<ReactionState> {
    const { ability } = await this.access.of(auth);
    const post = allowedOnPost(ability, 'react', await this.posts.findRecord(postId, auth.userId));
    const counts = await this.dataSource.transaction((manager) =>
      on
        ? this.reactions.add(manager, post, auth.userId, kind)
        : this.reactions.remove(manager, postId, auth.userId, kind),
    );
    this.events.reactionChanged(post, counts);
    const view = await this.posts.view(postId, auth.userId);
    return { postId, reactionCounts: counts, myReactions: view?.myReactions ?? [] };
  }
}
