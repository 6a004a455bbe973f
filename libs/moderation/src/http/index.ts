export * from './moderation-http.module';
