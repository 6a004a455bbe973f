import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_FILTER } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AccessModule } from '@alveole/access';
import { AuditErasure, AuditModule } from '@alveole/audit';
import { AuditHttpModule } from '@alveole/audit/http';
import {
  AppConfig,
  CoreModule,
  JobsRuntimeModule,
  MetricsService,
  OutboxErasure,
  ProblemFilter,
  RedisConnections,
  RedisThrottlerStorage,
} from '@alveole/core';
import { ContentErasure, ContentSubscriptionsModule } from '@alveole/content';
import { DocumentsErasure } from '@alveole/documents';
import { ModerationErasure } from '@alveole/moderation';
import { NotificationsErasure } from '@alveole/notifications';
import { ContentHttpModule } from '@alveole/content/http';
import { DocumentsHttpModule, TusUploadsModule } from '@alveole/documents/http';
import { ErasureHttpModule, IdentityHttpModule } from '@alveole/identity/http';
import { ModerationHttpModule } from '@alveole/moderation/http';
import { NotificationsHttpModule } from '@alveole/notifications/http';
import { PrivacyErasure } from '@alveole/privacy';
import { PrivacyHttpModule } from '@alveole/privacy/http';
import { RealtimeModule } from '@alveole/realtime';
import { StructureAccessModule, StructureErasure } from '@alveole/structure';
import { StructureHttpModule } from '@alveole/structure/http';
import { JobsStatusController } from './ops/jobs-status.controller';
import { MetricsAccess } from './ops/metrics-access';
import { MetricsServer } from './ops/metrics-server';
import { OpsController } from './ops/ops.controller';
import { CONTEXT_RULES } from '../../worker/src/access-rules';
import { SUBSCRIBER_MODULES } from '../../worker/src/subscriber-modules';

/**
 * The api process: the access rules of each context, each context's http module, the realtime
 * gateway, and, in embedded mode (no Redis), the job runtime with every context's subscribers so
 * nothing needs a worker.
 */
@Module({})
export class ApiModule {
  static forConfig(config: AppConfig, logger: Logger): DynamicModule {
    const embeddedJobs = config.redisUrl ? [] : [JobsRuntimeModule.forMode('in-process'), ...SUBSCRIBER_MODULES];
    return {
      module: ApiModule,
      imports: [
        CoreModule.forRoot(config, { name: 'api', runMigrations: true, logger }),
        ThrottlerModule.forRootAsync({
          inject: [RedisConnections, MetricsService],
          useFactory: (redis: RedisConnections, metrics: MetricsService) => ({
            // the only throttled route is registration; named `default` so the header is a plain Retry-After
            throttlers: [{ name: 'default', ttl: 3600_000, limit: config.registerMaxPerHour }],
            storage: new RedisThrottlerStorage(redis, metrics),
          }),
        }),
        AccessModule.forRoot(CONTEXT_RULES),
        StructureAccessModule,
        AuditModule,
        IdentityHttpModule,
        // one transaction across contexts; the audit trail last, as it pseudonymises what the others leave
        ErasureHttpModule.withParticipants(
          StructureErasure,
          ContentErasure,
          DocumentsErasure,
          ModerationErasure,
          NotificationsErasure,
          PrivacyErasure,
          OutboxErasure,
          AuditErasure,
        ),
        StructureHttpModule,
        AuditHttpModule,
        ContentHttpModule,
        ModerationHttpModule,
        NotificationsHttpModule,
        DocumentsHttpModule,
        TusUploadsModule,
        PrivacyHttpModule,
        RealtimeModule.withSubscriptions(ContentSubscriptionsModule),
        ...embeddedJobs,
      ],
      controllers: [OpsController, JobsStatusController],
      providers: [{ provide: APP_FILTER, useClass: ProblemFilter }, MetricsAccess, MetricsServer],
    };
  }
}
