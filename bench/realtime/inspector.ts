import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';

/*
 * Memory of another Node process after a full garbage collection, through its inspector (the server was
 * started with `--inspect=127.0.0.1:0`, or opened it itself). Without the collection, resident memory
 * after 1,000 handshakes is mostly garbage and heap-growth slack: three runs of the same build read
 * 48, 50 and 64 KiB per socket for the app. After it, what is left is what the sockets keep.
 */

export interface MemoryUsage {
  rss: number;
  heapUsed: number;
}

/** The inspector's WebSocket URL, from the `Debugger listening on ws://...` line of the process's output. */
export function inspectorUrl(output: string, name: string): string {
  const match = /ws:\/\/127\.0\.0\.1:\d+\/[0-9a-f-]+/.exec(output);
  if (!match) throw new Error(`${name}: no inspector URL in its output (started without --inspect?)`);
  return match[0];
}

interface Session {
  call(method: string, params?: Record<string, unknown>): Promise<unknown>;
  close(): void;
}

async function openSession(url: string): Promise<Session> {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let lastId = 0;
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = ++lastId;
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: { message: string } };
        if (message.id !== id) return;
        socket.off('message', onMessage);
        if (message.error) reject(new Error(`${method}: ${message.error.message}`));
        else resolve(message.result);
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id, method, params }));
    });
  return { call, close: () => socket.close() };
}

/** Two full collections (the second frees what finalisers of the first released), then process.memoryUsage(). */
export async function memoryAfterGc(url: string): Promise<MemoryUsage> {
  const session = await openSession(url);
  try {
    await session.call('HeapProfiler.collectGarbage');
    await session.call('HeapProfiler.collectGarbage');
    const evaluated = (await session.call('Runtime.evaluate', {
      expression: 'JSON.stringify(process.memoryUsage())',
      returnByValue: true,
    })) as { result: { value: string } };
    const usage = JSON.parse(evaluated.result.value) as MemoryUsage;
    return { rss: usage.rss, heapUsed: usage.heapUsed };
  } finally {
    session.close();
  }
}

/**
 * Runs `work` with the CPU profiler of every process in `inspectors` on when `dir` is set (the bench sets it
 * from BENCH_CPU_PROFILE_DIR), then writes `<dir>/realtime-<name>.cpuprofile`.
 */
export async function profiled<T>(
  dir: string | undefined,
  inspectors: Record<string, string>,
  work: () => Promise<T>,
): Promise<T> {
  if (!dir) return work();
  mkdirSync(dir, { recursive: true });
  const stops = await Promise.all(
    Object.entries(inspectors).map(async ([name, url]) => [name, await startCpuProfile(url)] as const),
  );
  try {
    return await work();
  } finally {
    for (const [name, stop] of stops) {
      const path = join(dir, `realtime-${name.replace(/\W+/g, '-')}.cpuprofile`);
      writeFileSync(path, JSON.stringify(await stop()));
      console.log(`[bench] CPU profile of ${name}: ${path}`);
    }
  }
}

/**
 * Starts the V8 CPU profiler of another process (`--cpu-prof` is not allowed in NODE_OPTIONS); the
 * returned function stops it and gives the profile, to save as a .cpuprofile for DevTools or speedscope.
 */
export async function startCpuProfile(url: string): Promise<() => Promise<unknown>> {
  const session = await openSession(url);
  await session.call('Profiler.enable');
  await session.call('Profiler.setSamplingInterval', { interval: 200 });
  await session.call('Profiler.start');
  return async () => {
    try {
      return ((await session.call('Profiler.stop')) as { profile: unknown }).profile;
    } finally {
      session.close();
    }
  };
}
