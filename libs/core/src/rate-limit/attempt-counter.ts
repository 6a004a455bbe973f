import { Injectable, Logger } from '@nestjs/common';
import IORedis from 'ioredis';
import { MetricsService } from '../ops/metrics.service';
import { RedisConnections, whenReady } from '../redis/redis-connections';
import { MemoryWindows, WindowCount } from './memory-windows';
import { RedisFallback } from './redis-fallback';

// One atomic step: count the hit and start the window on the first one; [count, ms left].
const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 or redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { count, redis.call('PTTL', KEYS[1]) }
`;

// Takes one hit back without creating a key (DECR alone would make a -1 with no expiry).
const REFUND = `
if redis.call('EXISTS', KEYS[1]) == 1 and redis.call('DECR', KEYS[1]) <= 0 then redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * Counts events (e.g. login attempts) per key over a fixed window that starts at the first one. A
 * hit counts and answers the new count in one step, so parallel callers never all see "below the
 * limit". In Redis when configured, so every api node sees the same count; each node keeps the
 * counts in its memory too, which answer while Redis is unreachable: a limit never simply opens.
 * Keys are the caller's: never put personal data in them in clear (hash it).
 */
@Injectable()
export class AttemptCounter {
  private readonly memory = new MemoryWindows();
  private readonly fallback: RedisFallback;
  private connection?: Promise<IORedis>;

  constructor(
    private readonly redis: RedisConnections,
    metrics: MetricsService,
  ) {
    this.fallback = new RedisFallback('login', new Logger(AttemptCounter.name), metrics.rateLimitFallbacks);
  }

  /**
   * Records one event; answers the count in the current window. Memory mirrors the last count Redis
   * gave, so while Redis is unreachable a node goes on from there rather than from zero.
   */
  async hit(key: string, windowSeconds: number): Promise<WindowCount> {
    const windowMs = windowSeconds * 1000;
    const shared = await this.inRedis(async (redis) => {
      const [count, ttl] = (await redis.eval(HIT, 1, this.redisKey(key), windowMs)) as [number, number];
      return { count, retryAfterMs: ttl > 0 ? ttl : windowMs };
    });
    if (!shared) return this.memory.hit(key, windowMs);
    this.memory.set(key, shared);
    return shared;
  }

  /** Takes back one event of the window (it turned out not to be what is being counted). */
  async refund(key: string): Promise<void> {
    this.memory.refund(key);
    await this.inRedis((redis) => redis.eval(REFUND, 1, this.redisKey(key)));
  }

  async reset(key: string): Promise<void> {
    this.memory.reset(key);
    await this.inRedis((redis) => redis.del(this.redisKey(key)));
  }

  /** Runs a command on Redis; undefined when there is no Redis or it failed (then memory answers). */
  private async inRedis<T>(command: (redis: IORedis) => Promise<T>): Promise<T | undefined> {
    if (!this.redis.enabled) return undefined;
    try {
      const result = await command(await this.client());
      this.fallback.recovered();
      return result;
    } catch (error) {
      this.fallback.fellBack(error);
      return undefined;
    }
  }

  /** Connected on first use; that first use waits for the connection (the client has no offline queue). */
  private client(): Promise<IORedis> {
    this.connection ??= (async () => {
      const client = this.redis.create('attempts', { profile: 'request' });
      await whenReady(client, 2000);
      return client;
    })();
    return this.connection;
  }

  private redisKey(key: string): string {
    return `${this.redis.prefix}:attempts:${key}`;
  }
}
