export * from '../tus/tus-bodies';
export * from '../tus/tus-uploads.module';
