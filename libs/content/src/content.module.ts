import { Module } from '@nestjs/common';
import { CommentsRepository } from './comments.repository';
import { CommentsService } from './comments.service';
import { ContentAccess } from './content-access';
import { ContentModeration } from './content-moderation.service';
import { FeedsRepository } from './feeds.repository';
import { FeedsService } from './feeds.service';
import { MarkdownRenderer } from './markdown-renderer';
import { MentionsRepository } from './mentions.repository';
import { ModeratedTargetsRepository } from './moderated-targets.repository';
import { PendingPosts } from './pending-posts';
import { PostModerationService } from './post-moderation.service';
import { PostsRepository } from './posts.repository';
import { PostsService } from './posts.service';
import { ReactionsRepository } from './reactions.repository';
import { ReactionsService } from './reactions.service';
import { SearchRepository } from './search.repository';
import { SearchService } from './search.service';

const repositories = [
  PostsRepository,
  FeedsRepository,
  CommentsRepository,
  ReactionsRepository,
  MentionsRepository,
  SearchRepository,
  ModeratedTargetsRepository,
];
const services = [
  PostsService,
  PostModerationService,
  ContentModeration,
  FeedsService,
  CommentsService,
  ReactionsService,
  SearchService,
];

/** Posts, comments, reactions, mentions, feeds and search (DESIGN.md §2 "Content"). */
@Module({
  providers: [...repositories, ...services, MarkdownRenderer, ContentAccess, PendingPosts],
  exports: services,
})
export class ContentModule {}
