import { DynamicModule, Module } from '@nestjs/common';
import { AccessModule } from '@alveole/access';
import { AuditModule } from '@alveole/audit';
import { AppConfig, CoreModule, JobsRuntimeModule } from '@alveole/core';
import { RealtimeEmitterModule } from '@alveole/realtime';
import { StructureAccessModule } from '@alveole/structure';
import { CONTEXT_RULES } from './access-rules';
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
        // subscribers ask the access gate too
        AccessModule.forSubscribers(CONTEXT_RULES),
        StructureAccessModule,
        RealtimeEmitterModule,
        JobsRuntimeModule.forMode('queue'),
        ...SUBSCRIBER_MODULES,
      ],
    };
  }
}
