import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';

/** Another live process has the embedded database open (PGlite serves one process only). */
export class EmbeddedDatabaseBusyError extends Error {
  constructor(
    readonly pid: number,
    readonly lockFile: string,
  ) {
    super(
      `the embedded database is in use by another process (pid ${pid}, probably the api): stop the api first ` +
        `(or set DATABASE_URL to use PostgreSQL); if no process ${pid} runs, delete ${lockFile}`,
    );
  }
}

const heldHere = new Set<string>();

/**
 * Takes the embedded database for this process: a file holding our pid, created exclusively. A
 * file left by a process that no longer runs (or by an earlier run with our pid, as in a restarted
 * container) is taken over. Opening the same files from two processes would corrupt them; PGlite
 * itself only fails with a WebAssembly "Aborted()".
 */
export function lockEmbeddedDatabase(lockFile: string): () => void {
  if (heldHere.has(lockFile)) throw new EmbeddedDatabaseBusyError(process.pid, lockFile);
  for (let attempt = 0; ; attempt += 1) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw error;
    }
    const holder = Number(readIfExists(lockFile)?.trim());
    if (holder > 0 && holder !== process.pid && isRunning(holder))
      throw new EmbeddedDatabaseBusyError(holder, lockFile);
    removeIfExists(lockFile);
  }
  heldHere.add(lockFile);
  return () => {
    if (heldHere.delete(lockFile)) removeIfExists(lockFile);
  };
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function removeIfExists(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
