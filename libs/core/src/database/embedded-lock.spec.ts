import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedDatabaseBusyError, lockEmbeddedDatabase } from './embedded-lock';

describe('lockEmbeddedDatabase', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'alveole-lock-'));
    file = join(dir, 'pglite.lock');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the database for this process until released', () => {
    const release = lockEmbeddedDatabase(file);
    expect(readFileSync(file, 'utf8')).toBe(String(process.pid));
    expect(() => lockEmbeddedDatabase(file)).toThrow(EmbeddedDatabaseBusyError);
    release();
    expect(existsSync(file)).toBe(false);
    lockEmbeddedDatabase(file)();
  });

  it('refuses while another running process holds it, naming it', () => {
    writeFileSync(file, String(process.ppid)); // our parent runs
    expect(() => lockEmbeddedDatabase(file)).toThrow(
      new RegExp(`in use by another process \\(pid ${process.ppid}, probably the api\\): stop the api first`),
    );
  });

  it('takes over a lock left by a process that no longer runs, or by an earlier run with our pid', () => {
    writeFileSync(file, '2147483646'); // no such process
    lockEmbeddedDatabase(file)();
    writeFileSync(file, String(process.pid)); // e.g. a restarted container, where the api is pid 1 again
    lockEmbeddedDatabase(file)();
    expect(existsSync(file)).toBe(false);
  });
});
