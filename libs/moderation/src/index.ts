export * from './cases.service';
export * from './moderation.errors';
export * from './moderation.events';
export * from './moderation.module';
export * from './moderation.repository';
export * from './moderation.rules';
export * from './reports.service';
