export * from './structure-http.module';
