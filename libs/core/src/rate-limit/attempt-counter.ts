import { Injectable } from '@nestjs/common';
import IORedis from 'ioredis';
import { RedisConnections } from '../redis/redis-connections';

/**
 * Counts events (e.g. failed logins) per key over a fixed window that starts at the first event.
 * In Redis when configured, so every api node sees the same count; in memory otherwise.
 */
@Injectable()
export class AttemptCounter {
  private readonly memory = new Map<string, { count: number; expiresAt: number }>();
  private redisClient?: IORedis;

  constructor(private readonly redis: RedisConnections) {}

  /** Current count and seconds until the window ends. */
  async peek(key: string): Promise<{ count: number; retryAfterSeconds: number }> {
    const redis = this.client();
    if (redis) {
      const [[, count], [, ttl]] = (await redis.multi().get(this.redisKey(key)).pttl(this.redisKey(key)).exec()) as [
        [unknown, string | null],
        [unknown, number],
      ];
      return { count: Number(count ?? 0), retryAfterSeconds: Math.max(0, ttl) / 1000 };
    }
    const entry = this.memoryEntry(key);
    return { count: entry?.count ?? 0, retryAfterSeconds: entry ? (entry.expiresAt - Date.now()) / 1000 : 0 };
  }

  /** Records one event; returns the count in the current window. */
  async hit(key: string, windowSeconds: number): Promise<number> {
    const redis = this.client();
    if (redis) {
      const k = this.redisKey(key);
      const [[, count]] = (await redis
        .multi()
        .incr(k)
        .pexpire(k, windowSeconds * 1000, 'NX')
        .exec()) as [[unknown, number]];
      return count;
    }
    const entry = this.memoryEntry(key) ?? { count: 0, expiresAt: Date.now() + windowSeconds * 1000 };
    entry.count += 1;
    this.memory.set(key, entry);
    return entry.count;
  }

  async reset(key: string): Promise<void> {
    const redis = this.client();
    if (redis) await redis.del(this.redisKey(key));
    else this.memory.delete(key);
  }

  private memoryEntry(key: string) {
    const entry = this.memory.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      this.memory.delete(key);
      return undefined;
    }
    return entry;
  }

  private client(): IORedis | undefined {
    if (!this.redis.enabled) return undefined;
    this.redisClient ??= this.redis.create('attempts', { failFast: true });
    return this.redisClient;
  }

  private redisKey(key: string): string {
    return `${this.redis.prefix}:attempts:${key}`;
  }
}
