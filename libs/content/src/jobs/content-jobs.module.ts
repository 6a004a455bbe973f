import { Module } from '@nestjs/common';
import { PostMentionedHandler } from './post-mentioned.handler';

@Module({ providers: [PostMentionedHandler] })
export class ContentJobsModule {}
