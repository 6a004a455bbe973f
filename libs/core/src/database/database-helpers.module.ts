import { Global, Module } from '@nestjs/common';
import { FastQuery } from './fast-query';

@Global()
@Module({ providers: [FastQuery], exports: [FastQuery] })
export class DatabaseHelpersModule {}
