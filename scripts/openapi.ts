import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { OpenAPIObject } from '@nestjs/swagger';
import { createRootLogger, loadConfig } from '@alveole/core';
import { ApiModule } from '../apps/api/src/api.module';
import { useGlobalPrefix } from '../apps/api/src/create-app';
import { buildOpenApiDocument } from '../apps/api/src/openapi';

/**
 * The api's OpenAPI document without a database or Redis: Nest's preview mode builds the module
 * graph (controllers, routes, decorators) but instantiates no provider, so nothing connects.
 */
export async function openApiDocument(): Promise<OpenAPIObject> {
  const dataDir = mkdtempSync(join(tmpdir(), 'alveole-openapi-'));
  try {
    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'silent',
    });
    const app = await NestFactory.create<NestFastifyApplication>(
      ApiModule.forConfig(config, createRootLogger(config, 'alveole-openapi')),
      new FastifyAdapter(),
      { preview: true, logger: false },
    );
    useGlobalPrefix(app);
    const document = buildOpenApiDocument(app);
    await app.close();
    return document;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `node dist/scripts/openapi.js [file]`: writes the document to the file, or to stdout. */
if (require.main === module) {
  openApiDocument()
    .then((document) => {
      const json = `${JSON.stringify(document, null, 2)}\n`;
      if (process.argv[2]) writeFileSync(process.argv[2], json);
      else process.stdout.write(json);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
      process.exit(1);
    });
}
