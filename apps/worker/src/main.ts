import 'reflect-metadata';
import { closeOnSignals, ConfigError, loadConfig } from '@alveole/core';
import { createWorker } from './create-worker';

async function main(): Promise<void> {
  const config = loadConfig();
  const worker = await createWorker(config);
  closeOnSignals(worker, config.shutdownGraceMs);
  process.stdout.write('Alveole worker started\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
