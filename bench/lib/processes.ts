import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { onCleanup, trackChild, withTimeout } from './shutdown';

export const LOOPBACK = '127.0.0.1';

/** Children we asked to stop, so their exit is not reported as a crash. */
const stopping = new WeakSet<ChildProcess>();

export interface ServiceSpec {
  name: string;
  command: string;
  args: string[];
  /** The child's whole environment besides PATH and HOME: nothing leaks in from the caller's shell. */
  env: Record<string, string>;
  cwd?: string;
  port: number;
  healthPath: string;
  startTimeoutMs?: number;
}

export interface Service {
  name: string;
  url: string;
  pid: number;
  stop(): Promise<void>;
  logTail(): string;
}

/** A port the OS reports free on the loopback interface (a tiny race with other programs is accepted). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, LOOPBACK);
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('could not read a free port');
  return address.port;
}

/** Spawns a service, waits until its health route answers 200, and registers its shutdown. */
export async function startService(spec: ServiceSpec): Promise<Service> {
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  trackChild(child);
  const tail = keepTail(child);
  const url = `http://${LOOPBACK}:${spec.port}`;
  const service: Service = {
    name: spec.name,
    url,
    pid: child.pid ?? -1,
    stop: () => stopChild(child),
    logTail: () => tail.join('\n'),
  };
  onCleanup(`stop ${spec.name}`, service.stop);
  try {
    await waitForHealthy(`${url}${spec.healthPath}`, child, spec.startTimeoutMs ?? 60_000);
  } catch (error) {
    throw new Error(
      `${spec.name} did not start: ${(error as Error).message}\n--- ${spec.name} output ---\n${tail.join('\n')}`,
    );
  }
  // A crash mid-run would otherwise show up only as connection errors in the load numbers.
  child.once('exit', (code, signal) => {
    if (!stopping.has(child))
      console.error(`[bench] ${spec.name} exited unexpectedly (${code ?? signal})\n${service.logTail()}`);
  });
  return service;
}

/** Polls `url` until it answers 200; fails early when the child exits, late at `timeoutMs`. */
export async function waitForHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`exited with ${child.exitCode ?? child.signalCode} before ${url} was healthy`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${url} not healthy after ${timeoutMs} ms (last: ${last})`);
}

/** SIGTERM lets the app run its graceful shutdown; SIGKILL after `graceMs` keeps exit time bounded. */
export async function stopChild(child: ChildProcess, graceMs = 8_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  stopping.add(child);
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  try {
    await withTimeout(exited, graceMs, `pid ${child.pid} SIGTERM`);
  } catch {
    child.kill('SIGKILL');
    await withTimeout(exited, 2_000, `pid ${child.pid} SIGKILL`);
  }
}

function keepTail(child: ChildProcess, maxLines = 80): string[] {
  const lines: string[] = [];
  const push = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').trimEnd().split('\n'));
    if (lines.length > maxLines) lines.splice(0, lines.length - maxLines);
  };
  // Always drain the pipes: a full pipe buffer would block the child mid-benchmark.
  child.stdout?.on('data', push);
  child.stderr?.on('data', push);
  return lines;
}
