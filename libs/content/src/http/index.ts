export * from './content-http.module';
