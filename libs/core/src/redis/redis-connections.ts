import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import IORedis, { Command, RedisOptions } from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/**
 * How a connection behaves while Redis is away, by what waits on its commands:
 * - `request`: a request path (rate limits, readiness). Commands fail at once when Redis is
 *   unreachable (no offline queue) or slow (command timeout), so the caller degrades instead of
 *   holding the request.
 * - `best-effort`: fire-and-forget traffic (Socket.IO publications). Commands wait for the current
 *   connection attempt only (flushed at each failed reconnection), so an outage costs no memory.
 * - `durable` (default): BullMQ workers and subscribers. Commands wait for Redis however long it
 *   takes (`maxRetriesPerRequest: null`, which BullMQ requires for its blocking commands).
 * `failFast` (outbox producers): one reconnection attempt, then the command fails and the outbox
 * keeps the row for a later try.
 */
export type RedisProfile = 'request' | 'best-effort' | 'durable';

const PROFILES: Record<RedisProfile, RedisOptions> = {
  request: { enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 2000, commandTimeout: 1000 },
  'best-effort': { maxRetriesPerRequest: 0, connectTimeout: 2000 },
  durable: { maxRetriesPerRequest: null },
};

/**
 * ioredis whose command promises are never "unhandled": libraries that fire and forget (the Socket.IO
 * adapter's publish and subscribe) would otherwise crash the process with an unhandled rejection
 * while Redis is away or at shutdown. Callers that await a command still see its error.
 */
class ObservedRedis extends IORedis {
  override sendCommand(command: Command, stream?: Parameters<IORedis['sendCommand']>[1]): unknown {
    const result = super.sendCommand(command, stream);
    command.promise.catch(() => undefined);
    return result;
  }
}

/**
 * Hands out ioredis connections (BullMQ needs several per process), each with its profile,
 * and closes them all at shutdown.
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

  create(name: string, options: { failFast?: boolean; profile?: RedisProfile } & RedisOptions = {}): IORedis {
    if (!this.config.redisUrl) throw new Error('REDIS_URL is not configured');
    const { failFast, profile = 'durable', ...rest } = options;
    const connection = new ObservedRedis(this.config.redisUrl, {
      connectionName: `alveole-${name}`,
      retryStrategy: (times) => Math.min(times * 200, 2000),
      ...PROFILES[profile],
      ...(failFast ? { maxRetriesPerRequest: 1 } : {}),
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

/** Resolves when the connection is ready, has ended, or `timeoutMs` passed; answers whether it is ready. */
export function whenReady(connection: IORedis, timeoutMs: number): Promise<boolean> {
  if (connection.status === 'ready' || connection.status === 'end')
    return Promise.resolve(connection.status === 'ready');
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      connection.off('ready', done);
      connection.off('end', done);
      resolve(connection.status === 'ready');
    };
    const timer = setTimeout(done, timeoutMs);
    timer.unref();
    connection.once('ready', done);
    connection.once('end', done);
  });
}

/**
 * QUIT lets queued commands finish, so their callers see no "Connection is closed" rejection. It is
 * sent only once the connection is ready: during the handshake ioredis writes QUIT straight away,
 * ahead of the commands still waiting in its offline queue (e.g. the Socket.IO adapter's SUBSCRIBE),
 * and the server's close then rejects them. A Redis that stays away gets a second, then a hard close.
 */
async function closeGracefully(connection: IORedis): Promise<void> {
  if (connection.status === 'end') return;
  if (await whenReady(connection, 1000)) {
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 1000).unref());
    await Promise.race([
      connection.quit().then(
        () => undefined,
        () => undefined,
      ),
      timeout,
    ]);
  }
  connection.disconnect();
}
