import { Inject, Injectable, OnModuleDestroy, Optional } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import IORedis from 'ioredis';
import { APP_CONFIG, AppConfig, RedisConnections } from '@alveole/core';
import { RealtimeGateway } from './realtime.gateway';
import { REALTIME_NAMESPACE, Rooms, socketIoKey } from './rooms';

/**
 * Sends events to rooms. In the api it uses the gateway's server (the Redis adapter spreads it
 * across nodes); in the worker, which has no server, the Socket.IO Redis emitter.
 * Best effort by design: clients resync with `?since=` after a reconnect.
 */
@Injectable()
export class RealtimePublisher implements OnModuleDestroy {
  private emitter?: Emitter;
  private emitterClient?: IORedis;

  constructor(
    // explicit token: the union type alone would be emitted as `Object` and never resolve
    @Optional() @Inject(RealtimeGateway) private readonly gateway: RealtimeGateway | undefined,
    private readonly redis: RedisConnections,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  toUser(userId: string, event: string, payload: unknown): void {
    this.toRoom(Rooms.user(userId), event, payload);
  }

  /** To every socket in any of the rooms, once each (a socket in two of them gets one event). */
  toRoom(room: string | string[], event: string, payload: unknown): void {
    if (this.gateway?.namespace) {
      this.gateway.namespace.to(room).emit(event, payload);
      return;
    }
    this.redisEmitter()?.of(REALTIME_NAMESPACE).to(room).emit(event, payload);
  }

  /** Takes every socket of the user, on every node, out of the sphere's rooms (removed, banned). */
  leaveSphere(userId: string, sphereId: string, onlyModeration = false): void {
    const rooms = onlyModeration
      ? [Rooms.sphereModerators(sphereId)]
      : [Rooms.sphere(sphereId), Rooms.sphereModerators(sphereId)];
    if (this.gateway?.namespace) {
      this.gateway.namespace.in(Rooms.user(userId)).socketsLeave(rooms);
      return;
    }
    this.redisEmitter()?.of(REALTIME_NAMESPACE).in(Rooms.user(userId)).socketsLeave(rooms);
  }

  private redisEmitter(): Emitter | undefined {
    if (!this.redis.enabled) return undefined;
    if (!this.emitter) {
      this.emitterClient = this.redis.create('realtime-emitter', { profile: 'best-effort' });
      this.emitter = new Emitter(this.emitterClient, { key: socketIoKey(this.config.redisPrefix) });
    }
    return this.emitter;
  }

  onModuleDestroy(): void {
    this.emitter = undefined;
  }
}
