import { Controller, Delete, Get, HttpCode, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, AuthContext, Policy } from '@alveole/access';
import { ApiIdempotencyKey, ApiProblems, Body, IdempotencyKey, PageQuery, Param, Query } from '@alveole/core';
import { CommentsService } from '../comments.service';
import { CommentPage, CommentResponse, PostResponse, ReactionStateResponse, RevisionPage } from '../content.responses';
import { PostModerationService } from '../post-moderation.service';
import { toCommentResponse, toPostResponse } from '../post-response';
import { PostsService } from '../posts.service';
import { ReactionsService } from '../reactions.service';
import { CreateCommentDto, EditPostDto, ReactionParams } from './content.dto';

const Id = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 404 });

@ApiTags('posts')
@ApiBearerAuth()
@Controller('posts/:postId')
export class PostsController {
  constructor(
    private readonly posts: PostsService,
    private readonly moderation: PostModerationService,
    private readonly comments: CommentsService,
    private readonly reactions: ReactionsService,
  ) {}

  @Get()
  @Policy('read', 'Post')
  @ApiOperation({ summary: 'Get a post I may read' })
  @ApiOkResponse({ type: PostResponse })
  @ApiProblems(401, 404)
  get(@Auth() auth: AuthContext, @Param('postId', Id) postId: string) {
    return this.posts.get(auth, postId).then(toPostResponse);
  }

  @Patch()
  @Policy('update', 'Post')
  @ApiOperation({ summary: 'Edit a post: its body (author) or `important` (animators)' })
  @ApiOkResponse({ type: PostResponse })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  edit(@Auth() auth: AuthContext, @Param('postId', Id) postId: string, @Body() dto: EditPostDto) {
    return this.posts.edit(auth, postId, dto).then(toPostResponse);
  }

  @Delete()
  @HttpCode(204)
  @Policy('delete', 'Post')
  @ApiOperation({ summary: 'Delete a post (its author, or an animator: audited)' })
  @ApiNoContentResponse({ description: 'deleted' })
  @ApiProblems(401, 403, 404, 409)
  remove(@Auth() auth: AuthContext, @Param('postId', Id) postId: string) {
    return this.posts.remove(auth, postId);
  }

  @Get('revisions')
  @Policy('read', 'Post')
  @ApiOperation({ summary: 'List the earlier bodies of an edited post (its author and animators), newest first' })
  @ApiOkResponse({ type: RevisionPage })
  @ApiProblems(401, 403, 404, 422)
  async revisions(
    @Auth() auth: AuthContext,
    @Param('postId', Id) postId: string,
    @Query() query: PageQuery,
  ): Promise<RevisionPage> {
    return { items: await this.posts.revisions(auth, postId, query.limit), nextCursor: null };
  }

  @Post('pin')
  @HttpCode(200)
  @Policy('moderate', 'Post')
  @ApiOperation({ summary: 'Pin a post on top of its sphere feed (animators)' })
  @ApiOkResponse({ type: PostResponse })
  @ApiProblems(401, 403, 404, 409)
  pin(@Auth() auth: AuthContext, @Param('postId', Id) postId: string) {
    return this.moderation.pin(auth, postId, true).then(toPostResponse);
  }

  @Post('unpin')
  @HttpCode(200)
  @Policy('moderate', 'Post')
  @ApiOperation({ summary: 'Unpin a post (animators)' })
  @ApiOkResponse({ type: PostResponse })
  @ApiProblems(401, 403, 404, 409)
  unpin(@Auth() auth: AuthContext, @Param('postId', Id) postId: string) {
    return this.moderation.pin(auth, postId, false).then(toPostResponse);
  }

  @Post('approve')
  @HttpCode(200)
  @Policy('approve', 'Post')
  @ApiOperation({ summary: 'Publish a pending post (animators)' })
  @ApiOkResponse({ type: PostResponse })
  @ApiProblems(401, 403, 404, 409)
  approve(@Auth() auth: AuthContext, @Param('postId', Id) postId: string) {
    return this.moderation.approve(auth, postId).then(toPostResponse);
  }

  @Get('comments')
  @Policy('read', 'Post')
  @ApiOperation({ summary: 'List the comments of a post, oldest first, replies after their parent' })
  @ApiOkResponse({ type: CommentPage })
  @ApiProblems(400, 401, 404, 422)
  async listComments(
    @Auth() auth: AuthContext,
    @Param('postId', Id) postId: string,
    @Query() query: PageQuery,
  ): Promise<CommentPage> {
    const page = await this.comments.list(auth, postId, query.limit, query.cursor);
    return { items: page.items.map(toCommentResponse), nextCursor: page.nextCursor };
  }

  @Post('comments')
  @Policy('comment', 'Post')
  @ApiOperation({ summary: 'Comment on a post, or reply to a top-level comment (`parentId`)' })
  @ApiCreatedResponse({ type: CommentResponse })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
  @ApiIdempotencyKey()
  comment(
    @Auth() auth: AuthContext,
    @Param('postId', Id) postId: string,
    @Body() dto: CreateCommentDto,
    @IdempotencyKey() key?: string,
  ): Promise<CommentResponse> {
    return this.comments.create(auth, postId, dto, key).then(toCommentResponse);
  }

  @Put('reactions/:kind')
  @Policy('react', 'Post')
  @ApiOperation({ summary: 'Add my reaction of this kind (idempotent)' })
  @ApiOkResponse({ type: ReactionStateResponse })
  @ApiProblems(401, 403, 404, 409, 422)
  react(@Auth() auth: AuthContext, @Param('postId', Id) postId: string, @Param() params: ReactionParams) {
    return this.reactions.set(auth, postId, params.kind, true);
  }

  @Delete('reactions/:kind')
  @Policy('react', 'Post')
  @ApiOperation({ summary: 'Remove my reaction of this kind (idempotent)' })
  @ApiOkResponse({ type: ReactionStateResponse })
  @ApiProblems(401, 403, 404, 409, 422)
  unreact(@Auth() auth: AuthContext, @Param('postId', Id) postId: string, @Param() params: ReactionParams) {
    return this.reactions.set(auth, postId, params.kind, false);
  }
}
