export * from './ability.factory';
export * from './access.module';
export * from './auth-context';
export * from './policy.decorators';
export * from './policy.guard';
export * from './principal-resolver';
