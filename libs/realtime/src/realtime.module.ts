import { DynamicModule, Global, Module, Type } from '@nestjs/common';
import { IdentityModule } from '@alveole/identity';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimePublisher } from './realtime-publisher';

/**
 * In the api: the gateway and a publisher over it (global: any context may publish).
 * `subscriptions` is a module exporting the SUBSCRIPTION_POLICY that decides sphere subscriptions.
 */
@Global()
@Module({})
export class RealtimeModule {
  static withSubscriptions(subscriptions: Type): DynamicModule {
    return {
      module: RealtimeModule,
      imports: [IdentityModule, subscriptions],
      providers: [RealtimeGateway, RealtimePublisher],
      exports: [RealtimePublisher],
    };
  }
}

/** In the worker: a publisher over the Redis emitter (no gateway). */
@Global()
@Module({
  providers: [RealtimePublisher],
  exports: [RealtimePublisher],
})
export class RealtimeEmitterModule {}
