import 'reflect-metadata';
import { closeOnSignals, ConfigError, loadConfig } from '@alveole/core';
import { createApp } from './create-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  closeOnSignals(app, config.shutdownGraceMs);
  await app.listen({ port: config.port, host: config.host });
  const mode = [config.databaseUrl ? 'PostgreSQL' : 'embedded PGlite', config.redisUrl ? 'Redis' : 'in-process jobs'];
  process.stdout.write(`Alveole api listening on http://${config.host}:${config.port} (${mode.join(', ')})\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
