export * from './privacy-http.module';
