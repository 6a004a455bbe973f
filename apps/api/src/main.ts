import 'reflect-metadata';
import { AppConfig, closeOnSignals, createRootLogger, loadConfig } from '@alveole/core';
import type { Logger } from 'pino';
import { createApp } from './create-app';
import { describeStartupFailure } from './startup/describe-failure';
import { explainListenError } from './startup/listen-errors';

async function main(): Promise<void> {
  let logger: Logger | undefined;
  try {
    const config = loadConfig();
    logger = createRootLogger(config, 'alveole-api');
    const app = await createApp(config, logger);
    closeOnSignals(app, config.shutdownGraceMs);
    await app.listen({ port: config.port, host: config.host }).catch((error: unknown) => {
      throw explainListenError(error, config.port, 'PORT');
    });
    logger.info(`Alveole api listening on http://${config.host}:${config.port} (${mode(config)})`);
    logger.info(`API docs: ${config.publicUrl}/api/docs`);
  } catch (error) {
    // one line, whatever failed: the cause, never a password (see describeStartupFailure)
    logger ??= createRootLogger(
      { logLevel: 'info', env: process.env.NODE_ENV === 'production' ? 'production' : 'development' },
      'alveole-api',
    );
    const { message, err } = describeStartupFailure(error);
    logger.fatal(err ? { err } : {}, message);
    process.exit(1);
  }
}

function mode(config: AppConfig): string {
  return [config.databaseUrl ? 'PostgreSQL' : 'embedded PGlite', config.redisUrl ? 'Redis' : 'in-process jobs'].join(
    ', ',
  );
}

void main();
