import { DynamicModule, Module, Type } from '@nestjs/common';
import { RETENTION_TASKS, RetentionTask } from './retention-task';
import { RetentionRunner, RetentionScheduler } from './retention.scheduler';

/**
 * The daily retention job. The app names each context's task (its own class, depending on global
 * providers only), as it names the erasure participants.
 */
@Module({})
export class RetentionModule {
  static withTasks(...tasks: Type<RetentionTask>[]): DynamicModule {
    return {
      module: RetentionModule,
      providers: [
        ...tasks,
        { provide: RETENTION_TASKS, useFactory: (...all: RetentionTask[]) => all, inject: tasks },
        RetentionRunner,
        RetentionScheduler,
      ],
      exports: [RetentionRunner],
    };
  }
}
