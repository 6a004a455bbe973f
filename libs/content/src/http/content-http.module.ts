import { Module } from '@nestjs/common';
import { ContentModule } from '../content.module';
import { FeedsController } from './feeds.controller';
import { PostsController } from './posts.controller';

@Module({
  imports: [ContentModule],
  controllers: [FeedsController, PostsController],
})
export class ContentHttpModule {}
