import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions, loadConfig } from '@alveole/core';

/**
 * `npm run migration:run | migration:revert | migration:show` against DATABASE_DIRECT_URL (PostgreSQL
 * itself when DATABASE_URL is a pooler), else DATABASE_URL, else the embedded database.
 */
async function main(command: string): Promise<void> {
  const config = loadConfig();
  const dataSource = new DataSource(dataSourceOptions({ ...config, databaseUrl: config.databaseDirectUrl }, []));
  await dataSource.initialize();
  try {
    if (command === 'run') {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      process.stdout.write(
        applied.length ? `applied: ${applied.map((m) => m.name).join(', ')}\n` : 'nothing to apply\n',
      );
    } else if (command === 'revert') {
      await dataSource.undoLastMigration({ transaction: 'each' });
      process.stdout.write('reverted the last migration\n');
    } else if (command === 'show') {
      const pending = await dataSource.showMigrations();
      process.stdout.write(pending ? 'migrations are pending\n' : 'up to date\n');
    } else {
      throw new Error(`unknown command "${command}": use run, revert or show`);
    }
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv[2] ?? 'run').catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
