export * from './notifications-http.module';
