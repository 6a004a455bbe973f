import { Global, Module } from '@nestjs/common';
import { AttemptCounter } from '../rate-limit/attempt-counter';
import { RedisConnections } from './redis-connections';

@Global()
@Module({ providers: [RedisConnections, AttemptCounter], exports: [RedisConnections, AttemptCounter] })
export class RedisModule {}
