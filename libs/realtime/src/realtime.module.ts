import { DynamicModule, Global, Module, Type } from '@nestjs/common';
import { LIVE_SINK } from '@alveole/core';
import { IdentityModule } from '@alveole/identity';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimePublisher } from './realtime-publisher';

/**
 * In the api: the gateway, and the publisher over it as the sink of domain events' realtime
 * instructions. `subscriptions` is a module exporting the SUBSCRIPTION_POLICY that decides sphere subscriptions.
 */
@Global()
@Module({})
export class RealtimeModule {
  static withSubscriptions(subscriptions: Type): DynamicModule {
    return {
      module: RealtimeModule,
      imports: [IdentityModule, subscriptions],
      providers: [RealtimeGateway, RealtimePublisher, { provide: LIVE_SINK, useExisting: RealtimePublisher }],
      exports: [LIVE_SINK],
    };
  }
}

/** In the worker: the publisher over the Redis emitter (no gateway). */
@Global()
@Module({
  providers: [RealtimePublisher, { provide: LIVE_SINK, useExisting: RealtimePublisher }],
  exports: [LIVE_SINK],
})
export class RealtimeEmitterModule {}
