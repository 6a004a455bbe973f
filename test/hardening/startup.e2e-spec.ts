import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtEntry, Child, eventually, freePort, startChild } from '../support/processes';
import { createTestDatabase } from '../support/test-database';

const API = () => builtEntry('apps/api/src/main.js');

/** Runs a built entry point until it exits on its own; one that is still running after `deadlineMs` fails the test. */
async function runToExit(args: string[], env: Record<string, string>, deadlineMs = 20_000) {
  const child = startChild(process.execPath, args, env);
  const exited = new Promise<number | null>((resolve) => child.process.once('exit', resolve));
  const deadline = setTimeout(() => void child.stop('SIGKILL'), deadlineMs);
  const code = await exited;
  clearTimeout(deadline);
  return { code, lines: child.output().trim().split('\n'), output: child.output() };
}

function listening(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
}

describe('start-up', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'alveole-startup-'));
  const base = { NODE_ENV: 'development', DATA_DIR: dataDir, HOST: '127.0.0.1', LOG_LEVEL: 'info' };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stops on an unreachable database with one JSON line naming the cause, without the password', async () => {
    const port = await freePort(); // nothing listens there
    const run = await runToExit([API()], {
      ...base,
      PORT: '0',
      DATABASE_URL: `postgres://alveole:s3cret-pass@127.0.0.1:${port}/alveole`,
    });
    expect(run.code).toBe(1);
    expect(run.lines).toHaveLength(1);
    const line = JSON.parse(run.lines[0]) as { level: number; msg: string };
    expect(line.level).toBe(60);
    expect(line.msg).toBe(
      `cannot connect to the database at postgres://alveole@127.0.0.1:${port}/alveole: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
    expect(run.output).not.toContain('s3cret-pass');
  });

  it('stops on a database host that never answers, after the connect timeout', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket)); // accepts, then says nothing
    const port = await listening(silent);
    try {
      const run = await runToExit([API()], {
        ...base,
        PORT: '0',
        DATABASE_URL: `postgres://alveole:s3cret-pass@127.0.0.1:${port}/alveole`,
      });
      expect(run.code).toBe(1);
      expect(run.lines).toHaveLength(1);
      expect(JSON.parse(run.lines[0]).msg).toMatch(/^cannot connect to the database at .*: .*timeout/);
    } finally {
      sockets.forEach((s) => s.destroy());
      silent.close();
    }
  });

  it('logs human-readable lines in a terminal outside production', async () => {
    const port = await freePort();
    const url = `postgres://alveole:s3cret-pass@127.0.0.1:${port}/alveole`;
    // `script` gives the process a terminal; DATABASE_URL is unreachable, so it stops at once
    const run = await runToExit(
      [
        '-e',
        'require("node:child_process").spawnSync("script", ["-qec", process.argv[1], "/dev/null"], { stdio: "inherit" })',
        `${process.execPath} ${API()}`,
      ],
      {
        ...base,
        PORT: '0',
        DATABASE_URL: url,
      },
    );
    expect(run.output).toMatch(/FATAL.*cannot connect to the database/);
    expect(run.output.trimStart().startsWith('{')).toBe(false);
  });

  describe('with a database', () => {
    let env: Record<string, string>;
    let api: Child;
    let drop: () => Promise<void>;
    let port: number;
    beforeAll(async () => {
      const database = await createTestDatabase();
      drop = database.drop;
      port = await freePort();
      env = { ...base, ...database.env, PORT: String(port), PUBLIC_URL: 'https://intranet.example.org' };
      api = startChild(process.execPath, [API()], env);
      await eventually(
        () => (api.output().includes('API docs') ? true : undefined),
        60_000,
        `the api\n${api.output()}`,
      );
    }, 90_000);
    afterAll(async () => {
      await api?.stop();
      await drop?.();
    });

    it('says where it listens and where the API docs are, in a few lines without the route map', () => {
      const messages = api
        .output()
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { msg: string }).msg);
      expect(messages).toContain('API docs: https://intranet.example.org/api/docs');
      expect(messages.some((m) => m.startsWith(`Alveole api listening on http://127.0.0.1:${port}`))).toBe(true);
      expect(messages.some((m) => /Mapped \{/.test(m))).toBe(false);
      expect(messages.length).toBeLessThan(10);
    });

    it('names the variable to change when its port is taken (PORT, METRICS_PORT)', async () => {
      const busy = await runToExit([API()], env);
      expect(busy.code).toBe(1);
      expect(busy.lines).toHaveLength(1);
      expect(JSON.parse(busy.lines[0]).msg).toBe(
        `port ${port} is already in use: set PORT to a free port, or stop the process using it`,
      );
      const metrics = await runToExit([API()], { ...env, PORT: '0', METRICS_PORT: String(port) });
      expect(JSON.parse(metrics.lines[metrics.lines.length - 1]).msg).toMatch(
        `port ${port} is already in use: set METRICS_PORT`,
      );
    });

    it('logs the route map at debug level', async () => {
      const debug = await runToExit([API()], { ...env, LOG_LEVEL: 'debug' });
      expect(debug.output).toMatch(/Mapped \{\/api\/v1\/auth\/login, POST\} route/);
      expect(debug.code).toBe(1); // its port was taken: it stopped after mapping its routes
    });
  });

  it('tells the seed to stop the api first while the api holds the embedded database', async () => {
    const embedded = mkdtempSync(join(tmpdir(), 'alveole-startup-embedded-'));
    const port = await freePort();
    const env = { ...base, DATA_DIR: embedded, PORT: String(port), LOG_LEVEL: 'warn' };
    const api = startChild(process.execPath, [API()], env);
    try {
      await eventually(
        async () =>
          (await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => null))?.status === 200 ? true : undefined,
        90_000,
        `the embedded api\n${api.output()}`,
      );
      const seed = await runToExit([builtEntry('scripts/seed-demo.js')], env);
      expect(seed.code).toBe(1);
      expect(seed.output).toMatch(
        /^seed:demo failed: the embedded database is in use by another process \(pid \d+, probably the api\): stop the api first/,
      );
      expect(seed.output).not.toContain('Aborted');
      expect(await api.stop('SIGTERM')).toBe(0);
      // the api let go of it when it stopped
      expect(existsSync(join(embedded, 'pglite.lock'))).toBe(false);
    } finally {
      await api.stop('SIGKILL');
      rmSync(embedded, { recursive: true, force: true });
    }
  }, 180_000);
});
