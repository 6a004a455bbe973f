import { Injectable, Logger } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import IORedis from 'ioredis';
import { RedisConnections } from '../redis/redis-connections';

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

/** @nestjs/throttler storage in Redis, so limits hold across api nodes (the community one lags Nest 12). */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private client?: IORedis;

  constructor(private readonly redis: RedisConnections) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    name: string,
  ): Promise<ThrottlerStorageRecord> {
    this.client ??= this.redis.create('throttler', { failFast: true });
    const base = `${this.redis.prefix}:throttle:${name}:${key}`;
    let answer: [number, number, number];
    try {
      answer = (await this.client.eval(
        INCREMENT,
        2,
        base,
        `${base}:blocked`,
        ttl,
        limit,
        blockDuration || ttl,
      )) as typeof answer;
    } catch (error) {
      // Fail open: a Redis outage must not take sign-ups down with it.
      this.logger.warn(`rate limit not applied, Redis unavailable: ${String(error)}`);
      return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
    }
    const [hits, ttlMs, blockMs] = answer;
    return {
      totalHits: hits,
      timeToExpire: Math.ceil(Math.max(0, ttlMs) / 1000),
      isBlocked: blockMs > 0,
      timeToBlockExpire: Math.ceil(Math.max(0, blockMs) / 1000),
    };
  }
}
