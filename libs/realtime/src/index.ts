export * from './realtime-publisher';
export * from './realtime.gateway';
export * from './realtime.module';
export * from './redis-io.adapter';
export * from './rooms';
export * from './subscription-policy';
export * from './lean-io.adapter';
