import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageOf } from '@alveole/core';
import type { CommentPayload, PostPayload } from '@alveole/realtime';
import type { PostAttachment } from './post-view';
import { REACTION_KINDS } from './reactions.service';

/**
 * The public shapes of the content context: REST responses, and realtime payloads (a broadcast
 * is a post without the reader's own reactions).
 */
export class AuthorResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
}

/** An attached document; one deleted since the post was written is only `{ id, removed: true }`. */
export class AttachmentResponse {
  @ApiProperty({ format: 'uuid', description: 'the document (GET /documents/:id/content for its bytes)' }) id: string;
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional({ description: 'bytes' }) size?: number;
  @ApiPropertyOptional() mimeType?: string;
  @ApiPropertyOptional({ enum: [true], description: 'the document was deleted' }) removed?: true;
}

const REACTION_COUNTS = {
  type: 'object',
  description: 'count per reaction kind',
  additionalProperties: { type: 'integer', minimum: 0 },
  example: { like: 3, celebrate: 1 },
} as const;

/** The realtime `PostPayload`, as a class the OpenAPI document describes. */
export class PostBroadcast implements PostPayload {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) sphereId: string;
  @ApiProperty({ type: AuthorResponse, nullable: true, description: 'null: a former member' })
  author: AuthorResponse | null;
  @ApiProperty({ description: 'Markdown as written' }) body: string;
  @ApiProperty({ description: 'the body rendered to sanitised HTML' }) html: string;
  @ApiProperty({ enum: ['published', 'pending', 'hidden', 'removed'] })
  status: 'published' | 'pending' | 'hidden' | 'removed';
  @ApiProperty() pinned: boolean;
  @ApiProperty() important: boolean;
  @ApiProperty({ type: [AttachmentResponse] }) attachments: PostAttachment[];
  @ApiProperty() commentCount: number;
  @ApiProperty(REACTION_COUNTS) reactionCounts: Record<string, number>;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) editedAt: string | null;
}

export class PostResponse extends PostBroadcast {
  @ApiProperty({ enum: REACTION_KINDS, isArray: true, description: 'the kinds I chose' }) myReactions: string[];
}

export class FeedPage extends PageOf(PostResponse) {
  @ApiProperty({ type: String, nullable: true, description: 'pass as `?since=` later to get what is newer' })
  sinceCursor: string | null;
  @ApiPropertyOptional({ description: 'on a `?since=` page: more newer posts wait, call again' })
  more?: boolean;
}

export class PostPage extends PageOf(PostResponse) {}

export class SearchHitResponse {
  @ApiProperty({ enum: ['post'] }) type: 'post';
  @ApiProperty({ description: 'relevance, higher first' }) rank: number;
  @ApiProperty({ type: PostResponse }) post: PostResponse;
}

export class SearchPage extends PageOf(SearchHitResponse) {}

export class RevisionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'the body before this edit' }) body: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ format: 'uuid' }) editorId: string;
  @ApiProperty() editorName: string;
}

export class RevisionPage extends PageOf(RevisionResponse) {}

export class CommentResponse implements CommentPayload {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) postId: string;
  @ApiProperty({ format: 'uuid' }) sphereId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the comment this one replies to' })
  parentId: string | null;
  @ApiProperty({ type: AuthorResponse, nullable: true, description: 'null: a former member' })
  author: AuthorResponse | null;
  @ApiProperty() body: string;
  @ApiProperty() html: string;
  @ApiProperty({ enum: ['published', 'hidden', 'removed'], description: 'hidden or removed by the moderators' })
  status: 'published' | 'hidden' | 'removed';
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) editedAt: string | null;
}

export class CommentPage extends PageOf(CommentResponse) {}

export class ReactionStateResponse {
  @ApiProperty({ format: 'uuid' }) postId: string;
  @ApiProperty(REACTION_COUNTS) reactionCounts: Record<string, number>;
  @ApiProperty({ enum: REACTION_KINDS, isArray: true }) myReactions: string[];
}
