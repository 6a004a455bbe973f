export * from './identity-http.module';
export * from './erasure-http.module';
