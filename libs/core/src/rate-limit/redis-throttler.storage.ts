import { Injectable, Logger } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import IORedis from 'ioredis';
import { MetricsService } from '../ops/metrics.service';
import { RedisConnections, whenReady } from '../redis/redis-connections';
import { MemoryWindows } from './memory-windows';
import { RedisFallback } from './redis-fallback';

interface ThrottlerStorageRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

// Fixed window with an optional block, atomically: [hits, ms to window end, ms to block end].
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
local blocked = redis.call('PTTL', KEYS[2])
if blocked <= 0 and hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], 1, 'PX', ARGV[3])
  blocked = tonumber(ARGV[3])
end
return { hits, ttl, blocked }
`;

/**
 * @nestjs/throttler storage (the community Redis one lags Nest 12). In Redis when configured, so
 * limits hold across api nodes; in this node's memory without Redis, and while Redis is
 * unreachable (memory mirrors the last counts Redis gave, so a limit does not simply open).
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly memory = new MemoryWindows();
  private readonly fallback: RedisFallback;
  private connection?: Promise<IORedis>;

  constructor(
    private readonly redis: RedisConnections,
    metrics: MetricsService,
  ) {
    this.fallback = new RedisFallback('throttler', new Logger(RedisThrottlerStorage.name), metrics.rateLimitFallbacks);
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    name: string,
  ): Promise<ThrottlerStorageRecord> {
    const base = `${this.redis.prefix}:throttle:${name}:${key}`;
    const shared = await this.inRedis(base, ttl, limit, blockDuration || ttl);
    if (shared) {
      const [hits, ttlMs, blockMs] = shared;
      this.memory.set(base, { count: hits, retryAfterMs: Math.max(0, ttlMs) });
      return record(hits, ttlMs, blockMs);
    }
    const { count, retryAfterMs } = this.memory.hit(base, ttl);
    return record(count, retryAfterMs, count > limit ? retryAfterMs : 0);
  }

  private async inRedis(base: string, ttl: number, limit: number, block: number) {
    if (!this.redis.enabled) return undefined;
    try {
      const answer = (await (await this.client()).eval(INCREMENT, 2, base, `${base}:blocked`, ttl, limit, block)) as [
        number,
        number,
        number,
      ];
      this.fallback.recovered();
      return answer;
    } catch (error) {
      this.fallback.fellBack(error);
      return undefined;
    }
  }

  private client(): Promise<IORedis> {
    this.connection ??= (async () => {
      const client = this.redis.create('throttler', { profile: 'request' });
      await whenReady(client, 2000);
      return client;
    })();
    return this.connection;
  }
}

function record(hits: number, ttlMs: number, blockMs: number): ThrottlerStorageRecord {
  return {
    totalHits: hits,
    timeToExpire: Math.ceil(Math.max(0, ttlMs) / 1000),
    isBlocked: blockMs > 0,
    timeToBlockExpire: Math.ceil(Math.max(0, blockMs) / 1000),
  };
}
