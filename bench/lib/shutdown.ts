import { ChildProcess } from 'node:child_process';

interface Cleanup {
  label: string;
  run: () => Promise<void> | void;
}

const cleanups: Cleanup[] = [];
const liveChildren = new Set<ChildProcess>();

let shuttingDown = false;

/** Registers work to undo at exit (stop a process, drop a database); runs last-registered first. */
export function onCleanup(label: string, run: Cleanup['run']): () => void {
  const cleanup = { label, run };
  cleanups.push(cleanup);
  return () => {
    const index = cleanups.indexOf(cleanup);
    if (index >= 0) cleanups.splice(index, 1);
  };
}

/** True once cleanup started: long loops stop instead of driving services that are going away. */
export function isShuttingDown(): boolean {
  return shuttingDown;
}

/** Children still alive when the process exits for any reason get SIGKILL, so none outlives the bench. */
export function trackChild(child: ChildProcess): void {
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
}

process.on('exit', () => {
  for (const child of liveChildren) child.kill('SIGKILL');
});

/** Runs every cleanup in reverse order; each gets what is left of `budgetMs`, so exit time is bounded. */
export async function runCleanups(budgetMs = 20_000): Promise<void> {
  shuttingDown = true;
  const deadline = Date.now() + budgetMs;
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop()!;
    const left = Math.max(deadline - Date.now(), 500);
    try {
      await withTimeout(Promise.resolve().then(cleanup.run), left, cleanup.label);
    } catch (error) {
      console.error(`[bench] cleanup "${cleanup.label}" failed: ${(error as Error).message}`);
    }
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Entry point of every benchmark: runs `main`, then the cleanups, then exits (open sockets or timers
 * left by load generators must not keep the process alive). Ctrl-C cleans up too; a second one forces.
 */
export function runMain(main: () => Promise<void>): void {
  let finishing = false;
  const finish = async (code: number) => {
    if (finishing) return;
    finishing = true;
    await runCleanups();
    process.exit(code);
  };
  const interrupt = (signal: NodeJS.Signals) => {
    if (finishing) {
      console.error(`[bench] ${signal} again: exiting without waiting for cleanup`);
      process.exit(130);
    }
    console.error(`[bench] ${signal}: stopping children and cleaning up`);
    void finish(130);
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  const crash = (error: unknown) => {
    console.error('[bench] unexpected error:', error);
    void finish(1);
  };
  process.on('unhandledRejection', crash);
  process.on('uncaughtException', crash);
  void main().then(
    () => finish(Number(process.exitCode ?? 0)),
    (error: unknown) => {
      if (finishing) return; // already cleaning up after a signal: the error is its consequence
      console.error('[bench] failed:', error instanceof Error ? error.message : error);
      return finish(1);
    },
  );
}
