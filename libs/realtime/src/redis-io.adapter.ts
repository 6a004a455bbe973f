import { INestApplicationContext } from '@nestjs/common';
import { LeanIoAdapter } from './lean-io.adapter';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Server, ServerOptions } from 'socket.io';
import { AppConfig, RedisConnections } from '@alveole/core';
import { socketIoKey } from './rooms';

/** Shares rooms and broadcasts between api nodes through Redis pub/sub. */
export class RedisIoAdapter extends LeanIoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly redis: RedisConnections,
    private readonly config: AppConfig,
    serverOptions: Partial<ServerOptions> = {},
  ) {
    super(app, serverOptions);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    const pub = this.redis.create('socket-pub', { profile: 'best-effort' });
    const sub = this.redis.create('socket-sub');
    server.adapter(createAdapter(pub, sub, { key: socketIoKey(this.config.redisPrefix) }));
    return server;
  }
}
