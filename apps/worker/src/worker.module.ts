import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@alveole/audit';
import { AppConfig, CoreModule, JobsRuntimeModule } from '@alveole/core';
import { RealtimeEmitterModule } from '@alveole/realtime';
import { SUBSCRIBER_MODULES } from './subscriber-modules';

/** The worker process: the outbox relay to BullMQ and every context's subscribers. */
@Module({})
export class WorkerModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot(config, { name: 'worker', runMigrations: false }),
        AuditModule,
        RealtimeEmitterModule,
        JobsRuntimeModule.forMode('queue'),
        ...SUBSCRIBER_MODULES,
      ],
    };
  }
}
