export * from './documents-http.module';
