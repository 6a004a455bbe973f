import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Policy } from '@alveole/access';
import { ApiIdempotencyKey, IdempotencyKey, PageQuery } from '@alveole/core';
import { CommentsService } from '../comments.service';
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
  get(@Auth() auth: AuthContext, @Param('postId', Id) postId: string) {
    return this.posts.get(auth, postId).then(toPostResponse);
  }

  @Patch()
  @Policy('update', 'Post')
  edit(@Auth() auth: AuthContext, @Param('postId', Id) postId: string, @Body() dto: EditPostDto) {
    return this.posts.edit(auth, postId, dto).then(toPostResponse);
  }

  @Delete()
  @HttpCode(204)
  @Policy('delete', 'Post')
  remove(@Auth() auth: AuthContext, @Param('postId', Id) postId: string) {
    return this.posts.remove(auth, postId);
  }

  @Get('revisions')
  @Policy('read', 'Post')
  async revisions(@Auth() auth: AuthContext, @Param('postId', Id) postId: string, @Query() query: PageQuery) {
    return { items: await this.posts.revisions(auth, postId, query.limit), nextCursor: null };
  }

  @Post('pin')
  @HttpCode(200)
  @Policy('moderate', 'Post')
  pin(@Auth() auth: AuthContext, @Param('postId', Id) postId: string) {
    return this.moderation.pin(auth, postId, true).then(toPostResponse);
  }

  @Post('unpin')
  @HttpCode(200)
  @Policy('moderate', 'Post')
  unpin(@Auth() auth: AuthContext, @Param('postId', Id) postId: string) {
    return this.moderation.pin(auth, postId, false).then(toPostResponse);
  }

  @Post('approve')
  @HttpCode(200)
  @Policy('approve', 'Post')
  approve(@Auth() auth: AuthContext, @Param('postId', Id) postId: string) {
    return this.moderation.approve(auth, postId).then(toPostResponse);
  }

  @Get('comments')
  @Policy('read', 'Post')
  async listComments(@Auth() auth: AuthContext, @Param('postId', Id) postId: string, @Query() query: PageQuery) {
    const page = await this.comments.list(auth, postId, query.limit, query.cursor);
    return { items: page.items.map(toCommentResponse), nextCursor: page.nextCursor };
  }

  @Post('comments')
  @Policy('comment', 'Post')
  @ApiIdempotencyKey()
  comment(
    @Auth() auth: AuthContext,
    @Param('postId', Id) postId: string,
    @Body() dto: CreateCommentDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.comments.create(auth, postId, dto, key).then(toCommentResponse);
  }

  @Put('reactions/:kind')
  @Policy('react', 'Post')
  react(@Auth() auth: AuthContext, @Param('postId', Id) postId: string, @Param() params: ReactionParams) {
    return this.reactions.set(auth, postId, params.kind, true);
  }

  @Delete('reactions/:kind')
  @Policy('react', 'Post')
  unreact(@Auth() auth: AuthContext, @Param('postId', Id) postId: string, @Param() params: ReactionParams) {
    return this.reactions.set(auth, postId, params.kind, false);
  }
}
