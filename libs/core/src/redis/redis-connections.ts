import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import IORedis, { RedisOptions } from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/**
 * Hands out ioredis connections (BullMQ needs several per process) and closes them all at
 * shutdown. `failFast` connections give up on a command after one reconnection attempt
 * instead of waiting for Redis forever, so producers (outbox relay, health checks) see an outage.
 */
@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  private readonly open = new Set<IORedis>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get enabled(): boolean {
    return Boolean(this.config.redisUrl);
  }

  get prefix(): string {
    return this.config.redisPrefix;
  }

  create(name: string, options: { failFast?: boolean } & RedisOptions = {}): IORedis {
    if (!this.config.redisUrl) throw new Error('REDIS_URL is not configured');
    const { failFast, ...rest } = options;
    const connection = new IORedis(this.config.redisUrl, {
      connectionName: `alveole-${name}`,
      maxRetriesPerRequest: failFast ? 1 : null,
      retryStrategy: (times) => Math.min(times * 200, 2000),
      ...rest,
    });
    // Errors surface through commands and health checks; an unhandled 'error' event would crash the process.
    connection.on('error', () => undefined);
    this.open.add(connection);
    return connection;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.open].map((c) => closeGracefully(c)));
    this.open.clear();
  }
}

/**
 * QUIT lets queued commands (e.g. a subscription still connecting) finish, so their callers see
 * no "Connection is closed" rejection; a Redis that is down gets one second, then a hard close.
 */
async function closeGracefully(connection: IORedis): Promise<void> {
  if (connection.status === 'end') return;
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, 1000).unref());
  await Promise.race([
    connection.quit().then(
      () => undefined,
      () => undefined,
    ),
    timeout,
  ]);
  connection.disconnect();
}
