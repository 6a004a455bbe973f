import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthContext } from '@alveole/access';
import { DomainEvents, IdempotencyKeys, keysetPage, newId, Page } from '@alveole/core';
import { ContentAccess } from './content-access';
import { ContentErrors } from './content.errors';
import { ContentEvents } from './content.events';
import { CommentsRepository, CommentView } from './comments.repository';
import { decodePosition } from './feeds.service';
import { MarkdownRenderer } from './markdown-renderer';
import { PostsRepository } from './posts.repository';

export const MAX_COMMENT_LENGTH = 5_000;

export interface NewCommentInput {
  body: string;
  parentId?: string;
}

/** Comments on a post, with one level of replies. */
@Injectable()
export class CommentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly comments: CommentsRepository,
    private readonly posts: PostsRepository,
    private readonly access: ContentAccess,
    private readonly markdown: MarkdownRenderer,
    private readonly events: DomainEvents,
    private readonly idempotency: IdempotencyKeys,
  ) {}

  async list(auth: AuthContext, postId: string, limit: number, cursor?: string): Promise<Page<CommentView>> {
    const access = await this.access.of(auth);
    const post = this.access.readablePost(access, await this.posts.findRecord(postId, auth.userId));
    const after = cursor ? decodePosition(cursor) : undefined;
    const moderator = this.access.seesPendingPosts(access, { id: post.sphereId, archived: post.sphereArchived });
    const rows = await this.comments.page(postId, { userId: auth.userId, moderator }, limit + 1, after);
    return keysetPage(rows, limit, (last) => ({ t: Number(last.position), id: last.id }));
  }

  /** With an `idempotencyKey`, a retry of the same request answers the first comment again. */
  async create(
    auth: AuthContext,
    postId: string,
    input: NewCommentInput,
    idempotencyKey?: string,
  ): Promise<CommentView> {
    const access = await this.access.of(auth);
    const post = this.access.allowedOnPost(access, 'comment', await this.posts.findRecord(postId, auth.userId));
    const html = this.markdown.render(input.body);
    const request = { operation: 'comment.create', userId: auth.userId, key: idempotencyKey, body: { postId, input } };
    return this.dataSource.transaction(async (manager) => {
      const replay = await this.idempotency.claim<CommentView>(request, manager);
      if (replay) return replay;
      const parentId = input.parentId ?? null;
      if (parentId) {
        const parent = await this.comments.findParent(parentId, manager);
        if (!parent || parent.postId !== postId || parent.parentId !== null) throw ContentErrors.replyTooDeep();
      }
      const id = newId();
      const { organisationId, sphereId } = post;
      const count = await this.comments.insert(
        { id, organisationId, sphereId, postId, parentId, authorId: auth.userId, body: input.body, html },
        manager,
      );
      const comment = await this.comments.view(id, manager);
      await this.events.publish(manager, ContentEvents.commentCreated(comment, organisationId, count));
      await this.idempotency.complete(request, comment, manager);
      return comment;
    });
  }
}
