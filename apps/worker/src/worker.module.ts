import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, CoreModule, JobsRuntimeModule } from '@alveole/core';
import { ContentJobsModule } from '@alveole/content';
import { IdentityJobsModule } from '@alveole/identity';
import { RealtimeEmitterModule } from '@alveole/realtime';
import { StructureJobsModule } from '@alveole/structure';

/** The worker process: the outbox relay to BullMQ and every context's job handlers. */
@Module({})
export class WorkerModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot(config, { name: 'worker', runMigrations: false }),
        JobsRuntimeModule.forMode('queue'),
        RealtimeEmitterModule,
        IdentityJobsModule,
        StructureJobsModule,
        ContentJobsModule,
      ],
    };
  }
}
