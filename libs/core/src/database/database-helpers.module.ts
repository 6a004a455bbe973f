import { DynamicModule, Global, Module } from '@nestjs/common';
import { DatabasePool } from './database-pool';
import { FastQuery } from './fast-query';

/** The pool handed to TypeORM, and the fast read path over it. */
@Global()
@Module({})
export class DatabaseHelpersModule {
  static withPool(pool: DatabasePool): DynamicModule {
    return {
      module: DatabaseHelpersModule,
      providers: [{ provide: DatabasePool, useValue: pool }, FastQuery],
      exports: [DatabasePool, FastQuery],
    };
  }
}
