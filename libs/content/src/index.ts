export * from './markdown-renderer';
