import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthContext } from '@alveole/access';
import { keysetPage, newId, Page } from '@alveole/core';
import { AccessProfiles } from '@alveole/structure';
import { allowedOnPost, assertCharterAccepted, readablePost } from './content-guards';
import { ContentErrors } from './content.errors';
import { ContentEvents } from './content.events';
import { CommentsRepository, CommentView } from './comments.repository';
import { decodePosition } from './feeds.service';
import { MarkdownRenderer } from './markdown-renderer';
import { PostsRepository } from './posts.repository';

export const MAX_COMMENT_LENGTH = 5_000;

/** Comments on a post, with one level of replies. */
@Injectable()
export class CommentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly comments: CommentsRepository,
    private readonly posts: PostsRepository,
    private readonly access: AccessProfiles,
    private readonly markdown: MarkdownRenderer,
    private readonly events: ContentEvents,
  ) {}

  async list(auth: AuthContext, postId: string, limit: number, cursor?: string): Promise<Page<CommentView>> {
    const { ability } = await this.access.of(auth);
    readablePost(ability, await this.posts.findRecord(postId, auth.userId));
    const after = cursor ? decodePosition(cursor) : undefined;
    const rows = await this.comments.page(postId, limit + 1, after);
    return keysetPage(rows, limit, (last) => ({ t: Number(last.position), id: last.id }));
  }

  async create(auth: AuthContext, postId: string, body: string, parentId?: string): Promise<CommentView> {
    const { ability, profile } = await this.access.of(auth);
    const post = allowedOnPost(ability, 'comment', await this.posts.findRecord(postId, auth.userId));
    assertCharterAccepted(profile, post.sphereId);
    const html = this.markdown.render(body);
    const { comment, commentCount } = await this.dataSource.transaction(async (manager) => {
      if (parentId) {
        const parent = await this.comments.findParent(manager, parentId);
        if (!parent || parent.postId !== postId || parent.parentId !== null) throw ContentErrors.replyTooDeep();
      }
      const id = newId();
      const count = await this.comments.insert(manager, {
        id,
        organisationId: post.organisationId,
        sphereId: post.sphereId,
        postId,
        parentId: parentId ?? null,
        authorId: auth.userId,
        body,
        html,
      });
      return { comment: await this.comments.view(manager, id), commentCount: count };
    });
    this.events.commentCreated(comment, commentCount);
    return comment;
  }
}
