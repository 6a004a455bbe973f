import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@alveole/core';
import { WorkerModule } from './worker.module';

/** Builds and starts the worker (used by main.ts and the e2e tests). */
export async function createWorker(config: AppConfig): Promise<INestApplicationContext> {
  if (!config.redisUrl) throw new Error('The worker needs REDIS_URL; without Redis the api runs jobs in-process');
  const app = await NestFactory.createApplicationContext(WorkerModule.forConfig(config), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  await app.init();
  return app;
}
