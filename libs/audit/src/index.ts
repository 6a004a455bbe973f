export * from './audit.module';
export * from './audit.rules';
export * from './audit.writer';
export * from './audit-erasure';
export * from './audit-retention';
