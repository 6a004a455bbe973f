import { Inject, Injectable, OnModuleDestroy, Optional } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import IORedis from 'ioredis';
import {
  APP_CONFIG,
  AppConfig,
  LiveSink,
  RealtimeInstruction,
  RedisConnections,
  SessionEndReason,
} from '@alveole/core';
import { ServerEventPayload } from './realtime-events';
import { RealtimeGateway } from './realtime.gateway';
import { REALTIME_NAMESPACE, Rooms, socketIoKey } from './rooms';

/**
 * Carries out the realtime instructions of domain events (the LIVE_SINK). In the api it uses the
 * gateway's server (the Redis adapter spreads it across nodes); in the worker, which has no server,
 * the Socket.IO Redis emitter. Best effort by design: clients resync with `?since=` after a reconnect.
 */
@Injectable()
export class RealtimePublisher implements LiveSink, OnModuleDestroy {
  private emitter?: Emitter;
  private emitterClient?: IORedis;

  constructor(
    // explicit token: the union type alone would be emitted as `Object` and never resolve
    @Optional() @Inject(RealtimeGateway) private readonly gateway: RealtimeGateway | undefined,
    private readonly redis: RedisConnections,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  deliver(instructions: RealtimeInstruction[]): void {
    for (const instruction of instructions) {
      if ('leave' in instruction) this.leave(instruction.userRoom, instruction.leave);
      else if ('endSessions' in instruction) this.endSessions(instruction.endSessions, instruction.reason);
      else this.emit(instruction.rooms, instruction.event, instruction.data);
    }
  }

  /** To every socket in any of the rooms, once each (a socket in two of them gets one event). */
  private emit(rooms: string[], event: string, payload: unknown): void {
    if (this.gateway?.namespace) {
      this.gateway.namespace.to(rooms).emit(event, payload);
      return;
    }
    this.redisEmitter()?.of(REALTIME_NAMESPACE).to(rooms).emit(event, payload);
  }

  private leave(userRoom: string, rooms: string[]): void {
    if (this.gateway?.namespace) {
      this.gateway.namespace.in(userRoom).socketsLeave(rooms);
      return;
    }
    this.redisEmitter()?.of(REALTIME_NAMESPACE).in(userRoom).socketsLeave(rooms);
  }

  /**
   * Tells the sockets of a session (or of every session of the user) that it is over, then disconnects
   * them on every node: the adapter (or the emitter) sends both through Redis in this order.
   */
  private endSessions(target: { userId: string; sessionId: string | null }, reason: SessionEndReason): void {
    const room = target.sessionId ? Rooms.session(target.sessionId) : Rooms.user(target.userId);
    const notice: ServerEventPayload<'session.expired'> = { reason };
    const sockets = this.gateway?.namespace ?? this.redisEmitter()?.of(REALTIME_NAMESPACE);
    sockets?.to(room).emit('session.expired', notice);
    sockets?.in(room).disconnectSockets(true);
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
