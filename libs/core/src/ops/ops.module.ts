import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { BacklogMetrics } from './backlog.metrics';
import { MetricsService } from './metrics.service';
import { RedisHealth } from './redis.health';

@Global()
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  providers: [MetricsService, RedisHealth, BacklogMetrics],
  exports: [MetricsService, RedisHealth, TerminusModule],
})
export class OpsModule {}
