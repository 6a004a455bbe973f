import { Injectable } from '@nestjs/common';
import { AuthContext } from '@alveole/access';
import { AppException } from '@alveole/core';
import { PostsService } from '@alveole/content';
import { ModerationErrors } from './moderation.errors';
import { ModerationRepository, TargetType } from './moderation.repository';

/** What a report is about, as the reporter may read it now: the case keeps this as its snapshot. */
export interface ReportedTarget {
  type: TargetType;
  id: string;
  organisationId: string;
  sphereId: string;
  spherePath: string;
  snapshot: Record<string, unknown>;
}

const NAMES: Record<TargetType, string> = { post: 'Post', comment: 'Comment', member: 'Member' };

/**
 * Finds a reported target, if the reporter may read it: content's own read check decides (a comment
 * is read by whoever reads its post). Anything else is 404, as for an id that does not exist.
 */
@Injectable()
export class ReportTargets {
  constructor(
    private readonly posts: PostsService,
    private readonly repository: ModerationRepository,
  ) {}

  async readable(auth: AuthContext, type: TargetType, id: string): Promise<ReportedTarget> {
    if (type === 'member') throw ModerationErrors.unsupportedTarget();
    const notFound = () => AppException.notFound(NAMES[type]);
    const comment = type === 'comment' ? await this.repository.comment(id) : null;
    if (type === 'comment' && !comment) throw notFound();
    const post = await this.posts.get(auth, comment?.postId ?? id).catch((error: unknown) => {
      throw error instanceof AppException && error.status === 404 ? notFound() : error;
    });
    const sphere = (await this.repository.sphere(post.sphereId))!;
    const snapshot = comment
      ? {
          type,
          id,
          postId: comment.postId,
          author: { id: comment.authorId, displayName: comment.authorName },
          body: comment.body,
          createdAt: comment.createdAt,
        }
      : {
          type,
          id,
          author: { id: post.authorId, displayName: post.authorName },
          body: post.body,
          html: post.html,
          status: post.status,
          createdAt: post.createdAt,
          editedAt: post.editedAt,
        };
    return {
      type,
      id,
      organisationId: post.organisationId,
      sphereId: post.sphereId,
      spherePath: sphere.path,
      snapshot,
    };
  }
}
