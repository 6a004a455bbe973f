import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiIdempotencyKey, IdempotencyKey } from '@alveole/core';
import { Auth, AuthContext, Policy } from '@alveole/access';
import { FeedPage, FeedsService } from '../feeds.service';
import { toPostResponse } from '../post-response';
import { PostsService } from '../posts.service';
import { SearchService } from '../search.service';
import { CreatePostDto, FeedQueryDto, SearchQueryDto } from './content.dto';

const Id = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 404 });

const toFeedResponse = (page: FeedPage) => ({ ...page, items: page.items.map(toPostResponse) });

@ApiTags('feeds')
@ApiBearerAuth()
@Controller()
export class FeedsController {
  constructor(
    private readonly posts: PostsService,
    private readonly feeds: FeedsService,
    private readonly search: SearchService,
  ) {}

  @Post('spheres/:sphereId/posts')
  @Policy('post', 'Sphere')
  @ApiIdempotencyKey()
  create(
    @Auth() auth: AuthContext,
    @Param('sphereId', Id) sphereId: string,
    @Body() dto: CreatePostDto,
    @IdempotencyKey() key?: string,
  ) {
    return this.posts.create(auth, sphereId, dto, key).then(toPostResponse);
  }

  @Get('spheres/:sphereId/posts')
  @Policy('read_content', 'Sphere')
  sphere(@Auth() auth: AuthContext, @Param('sphereId', Id) sphereId: string, @Query() query: FeedQueryDto) {
    return this.feeds.sphere(auth, sphereId, query).then(toFeedResponse);
  }

  @Get('feed')
  @Policy('read', 'Post')
  home(@Auth() auth: AuthContext, @Query() query: FeedQueryDto) {
    return this.feeds.home(auth, query).then(toFeedResponse);
  }

  /** Posts I may read, best match first (documents join when the documents context lands). */
  @Get('search')
  @Policy('read', 'Post')
  async find(@Auth() auth: AuthContext, @Query() query: SearchQueryDto) {
    const page = await this.search.posts(auth, query.q, query.limit, query.cursor);
    return {
      items: page.items.map((hit) => ({ type: 'post', rank: hit.rank, post: toPostResponse(hit) })),
      nextCursor: page.nextCursor,
    };
  }
}
