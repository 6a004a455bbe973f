import { Global, Module } from '@nestjs/common';
import { IdentityModule } from '@alveole/identity';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimePublisher } from './realtime-publisher';

/** In the api: the gateway and a publisher over it (global: any context may publish). */
@Global()
@Module({
  imports: [IdentityModule],
  providers: [RealtimeGateway, RealtimePublisher],
  exports: [RealtimePublisher],
})
export class RealtimeModule {}

/** In the worker: a publisher over the Redis emitter (no gateway). */
@Global()
@Module({
  providers: [RealtimePublisher],
  exports: [RealtimePublisher],
})
export class RealtimeEmitterModule {}
