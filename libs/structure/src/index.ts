export * from './access-profiles';
export * from './jobs/structure-jobs.module';
export * from './membership.entity';
export * from './organisation.entity';
export * from './sphere.entity';
export * from './structure.module';
