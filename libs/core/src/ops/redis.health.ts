import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import IORedis from 'ioredis';
import { RedisConnections } from '../redis/redis-connections';

@Injectable()
export class RedisHealth {
  private connection?: IORedis;

  constructor(
    private readonly redis: RedisConnections,
    private readonly indicator: HealthIndicatorService,
  ) {}

  get enabled(): boolean {
    return this.redis.enabled;
  }

  async check(key: string): Promise<HealthIndicatorResult> {
    const session = this.indicator.check(key);
    this.connection ??= this.redis.create('health', { failFast: true });
    try {
      const pong = await Promise.race([
        this.connection.ping(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000).unref()),
      ]);
      return pong === 'PONG' ? session.up() : session.down({ message: `unexpected answer ${pong}` });
    } catch (error) {
      return session.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
