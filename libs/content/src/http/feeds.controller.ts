import { Controller, Get, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, Policy } from '@alveole/access';
import { ApiIdempotencyKey, ApiProblems, Body, IdempotencyKey, Param, Query } from '@alveole/core';
import { FeedPage, PostResponse, SearchPage } from '../content.responses';
import { FeedPage as FeedView, FeedsService } from '../feeds.service';
import { toPostResponse } from '../post-response';
import { PostsService } from '../posts.service';
import { SearchService } from '../search.service';
import { CreatePostDto, FeedQueryDto, SearchQueryDto } from './content.dto';

const Id = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 404 });

const toFeedResponse = (page: FeedView): FeedPage => ({ ...page, items: page.items.map(toPostResponse) });

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
  @ApiOperation({ summary: 'Post in a sphere (Markdown); pending when the sphere pre-moderates' })
  @ApiCreatedResponse({ type: PostResponse })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422)
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
  @ApiOperation({ summary: "Read a sphere's feed, newest first, pinned posts on top of the first page" })
  @ApiOkResponse({ type: FeedPage })
  @ApiProblems(400, 401, 403, 404, 422)
  sphere(@Auth() auth: AuthContext, @Param('sphereId', Id) sphereId: string, @Query() query: FeedQueryDto) {
    return this.feeds.sphere(auth, sphereId, query).then(toFeedResponse);
  }

  @Get('feed')
  @Policy('read', 'Post')
  @ApiOperation({ summary: 'Read my home feed: the newest posts across my spheres (`?since=` for newer ones)' })
  @ApiOkResponse({ type: FeedPage })
  @ApiProblems(400, 401, 422)
  home(@Auth() auth: AuthContext, @Query() query: FeedQueryDto) {
    return this.feeds.home(auth, query).then(toFeedResponse);
  }

  /** Posts I may read, best match first (documents join when the documents context lands). */
  @Get('search')
  @Policy('read', 'Post')
  @ApiOperation({ summary: 'Search the posts I may read (web-search syntax), best match first' })
  @ApiOkResponse({ type: SearchPage })
  @ApiProblems(400, 401, 422)
  async find(@Auth() auth: AuthContext, @Query() query: SearchQueryDto): Promise<SearchPage> {
    const page = await this.search.posts(auth, query.q, query.limit, query.cursor);
    return {
      items: page.items.map((hit) => ({ type: 'post' as const, rank: hit.rank, post: toPostResponse(hit) })),
      nextCursor: page.nextCursor,
    };
  }
}
