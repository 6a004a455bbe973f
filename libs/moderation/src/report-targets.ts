import { Injectable } from '@nestjs/common';
import { AccessGate, AuthContext, sphereSubject } from '@alveole/access';
import { AppException } from '@alveole/core';
import { PostsService } from '@alveole/content';
import { DocumentsService } from '@alveole/documents';
import { ModerationErrors } from './moderation.errors';
import { ModerationRepository, TargetType } from './moderation.repository';

/** What a report is about, as the reporter may read it now: the case keeps this as its snapshot. */
export interface ReportedTarget {
  type: TargetType;
  id: string;
  organisationId: string;
  sphereId: string;
  spherePath: string;
  /** Whose conduct it is: the author, or the member reported. */
  /** null: a former member's content. */
  authorId: string | null;
  snapshot: Record<string, unknown>;
}

const NAMES: Record<TargetType, string> = { post: 'Post', comment: 'Comment', member: 'Member', document: 'Document' };

/**
 * Finds a reported target, if the reporter may read it: content's own read check decides (a comment
 * is read by whoever reads its post; a member, by whoever reads the sphere they are reported in).
 * Anything else is 404, as for an id that does not exist.
 */
@Injectable()
export class ReportTargets {
  constructor(
    private readonly posts: PostsService,
    private readonly documents: DocumentsService,
    private readonly repository: ModerationRepository,
    private readonly gate: AccessGate,
  ) {}

  async readable(auth: AuthContext, type: TargetType, id: string, sphereId?: string): Promise<ReportedTarget> {
    if (type === 'member') return this.member(auth, id, sphereId);
    if (type === 'document') return this.document(auth, id);
    const notFound = () => AppException.notFound(NAMES[type]);
    const comment = type === 'comment' ? await this.repository.comment(id) : null;
    if (type === 'comment' && !comment) throw notFound();
    const post = await this.posts.get(auth, comment?.postId ?? id).catch((error: unknown) => {
      throw error instanceof AppException && error.status === 404 ? notFound() : error;
    });
    const sphere = (await this.repository.sphere(post.sphereId))!;
    const author = comment
      ? { id: comment.authorId, displayName: comment.authorName }
      : { id: post.authorId, displayName: post.authorName };
    const snapshot = comment
      ? { type, id, postId: comment.postId, author, body: comment.body, createdAt: comment.createdAt }
      : {
          type,
          id,
          author,
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
      authorId: author.id,
      snapshot,
    };
  }

  /** A document the reporter may read (its file's name, type and hash are the evidence kept). */
  private async document(auth: AuthContext, id: string): Promise<ReportedTarget> {
    const document = await this.documents.get(auth, id);
    const author = { id: document.uploadedBy, displayName: document.uploaderName };
    return {
      type: 'document',
      id,
      organisationId: document.organisationId,
      sphereId: document.sphereId,
      spherePath: document.spherePath,
      authorId: author.id,
      snapshot: {
        type: 'document',
        id,
        author,
        name: document.name,
        body: document.name,
        mimeType: document.mimeType,
        size: document.size,
        sha256: document.sha256,
        version: document.version,
        createdAt: document.createdAt,
      },
    };
  }

  /** A member of a sphere whose content the reporter reads; oneself is not reportable. */
  private async member(auth: AuthContext, userId: string, sphereId?: string): Promise<ReportedTarget> {
    if (!sphereId) throw ModerationErrors.sphereRequired();
    const access = await this.gate.of(auth);
    const sphere = this.gate.visible(access, await this.repository.sphere(sphereId), sphereSubject, 'Sphere');
    if (!access.ability.can('read_content', sphereSubject(sphere))) throw AppException.notFound('Sphere');
    const member = userId === auth.userId ? null : await this.repository.member(sphereId, userId);
    if (!member) throw AppException.notFound('Member');
    return {
      type: 'member',
      id: userId,
      organisationId: sphere.organisationId,
      sphereId,
      spherePath: sphere.path,
      authorId: userId,
      snapshot: {
        type: 'member',
        id: userId,
        author: { id: userId, displayName: member.displayName },
        role: member.role,
        joinedAt: member.joinedAt,
      },
    };
  }
}
