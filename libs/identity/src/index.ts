export * from './auth.service';
export * from './email';
export * from './identity.module';
export * from './jobs/identity-jobs.module';
export * from './password-hasher';
export * from './token.service';
export * from './user.entity';
export * from './users.repository';
