import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { eventually, freePort } from './processes';

/**
 * With ALVEOLE_TEST_PGBOUNCER=1 the apps the harness starts reach PostgreSQL through a PgBouncer in
 * transaction mode (as CI runs them), while the tests' own queries stay direct. Global setup starts
 * it; test files find it through these variables, which jest's workers inherit.
 */
export const PGBOUNCER_WANTED = process.env.ALVEOLE_TEST_PGBOUNCER === '1';
const PORT_VARIABLE = 'ALVEOLE_TEST_PGBOUNCER_PORT';
const PID_VARIABLE = 'ALVEOLE_TEST_PGBOUNCER_PID';
const DIR_VARIABLE = 'ALVEOLE_TEST_PGBOUNCER_DIR';
// Debian installs it in sbin, which is not on every user's PATH
const SEARCH_PATH = `${process.env.PATH ?? ''}:/usr/sbin:/usr/local/sbin`;

/** The port of the run's PgBouncer, when the harness runs through one. */
export function pgbouncerPort(): number | undefined {
  const port = process.env[PORT_VARIABLE];
  return port ? Number(port) : undefined;
}

/** `postgres` (trust) reaching `upstream`'s server through the run's PgBouncer, on database `name`. */
export function pooledUrl(upstream: string, name: string): string {
  const url = new URL(upstream);
  url.hostname = '127.0.0.1';
  url.port = String(pgbouncerPort());
  url.pathname = `/${name}`;
  return url.toString();
}

/** The admin console (`SHOW CLIENTS`, `SHOW SERVERS`…): rows as objects. */
export async function pgbouncerShow(what: string): Promise<Record<string, unknown>[]> {
  // the console speaks the simple protocol only: no parameters
  const client = new Client({ host: '127.0.0.1', port: pgbouncerPort(), user: 'postgres', database: 'pgbouncer' });
  await client.connect();
  try {
    return (await client.query(`SHOW ${what}`)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

/** Starts PgBouncer (`binary`) in front of `upstream` (a postgres:// URL) and publishes where it listens. */
export async function startPgbouncer(binary: string, upstream: string): Promise<void> {
  const server = new URL(upstream);
  const dir = mkdtempSync(join(tmpdir(), 'alveole-pgbouncer-'));
  const port = await freePort();
  const target = [`host=${server.hostname}`, `port=${server.port || 5432}`, `user=${server.username || 'postgres'}`];
  if (server.password) target.push(`password=${decodeURIComponent(server.password)}`);
  writeFileSync(
    join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = ${target.join(' ')}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = any',
      'admin_users = postgres',
      'pool_mode = transaction',
      // every test file has a database of its own, hence a pool of its own: room for the api, a
      // worker and a second node, and for two files at once
      'max_client_conn = 2000',
      'default_pool_size = 40',
      'ignore_startup_parameters = extra_float_digits,options',
      `logfile = ${join(dir, 'pgbouncer.log')}`,
      `pidfile = ${join(dir, 'pgbouncer.pid')}`,
      '',
    ].join('\n'),
  );
  // PgBouncer refuses to run as root: as root it switches to postgres, who must own its files
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, 'postgres']).toString().trim()));
    chownSync(dir, uid, gid);
    chownSync(join(dir, 'pgbouncer.ini'), uid, gid);
  }
  chmodSync(dir, 0o700);
  const child = spawn(binary, [...(asRoot ? ['-u', 'postgres'] : []), join(dir, 'pgbouncer.ini')], {
    detached: true,
    stdio: 'ignore',
  });
  child.unref();
  const exited = new Promise<string>((resolve) => child.once('exit', (code) => resolve(`exited with ${code}`)));
  const ready = eventually(() => canConnect(port), 10_000, 'pgbouncer').then(
    () => undefined,
    (error: Error) => error.message,
  );
  const failure = await Promise.race([ready, exited]);
  if (failure) {
    const log = existsSync(join(dir, 'pgbouncer.log')) ? readFileSync(join(dir, 'pgbouncer.log'), 'utf8') : '';
    throw new Error(`ALVEOLE_TEST_PGBOUNCER=1 but pgbouncer did not start (${failure}):\n${log}`);
  }
  process.env[PORT_VARIABLE] = String(port);
  process.env[PID_VARIABLE] = String(child.pid);
  process.env[DIR_VARIABLE] = dir;
}

/** Stops the run's PgBouncer, if any, and removes its files. */
export async function stopPgbouncer(): Promise<void> {
  const pid = Number(process.env[PID_VARIABLE]);
  if (pid) {
    try {
      process.kill(pid, 'SIGTERM');
      await eventually(() => (isRunning(pid) ? undefined : true), 10_000, `pgbouncer (pid ${pid}) to stop`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }
  const dir = process.env[DIR_VARIABLE];
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** Where pgbouncer is installed; global setup asks first, before it creates anything to clean up. */
export function pgbouncerBinary(): string {
  const found = SEARCH_PATH.split(':')
    .filter(Boolean)
    .map((dir) => join(dir, 'pgbouncer'))
    .find((file) => existsSync(file));
  if (!found) {
    throw new Error('ALVEOLE_TEST_PGBOUNCER=1 but pgbouncer is not installed (apt-get install -y pgbouncer)');
  }
  return found;
}

async function canConnect(port: number): Promise<true | undefined> {
  const client = new Client({ host: '127.0.0.1', port, user: 'postgres', database: 'pgbouncer' });
  try {
    await client.connect();
    return true;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
