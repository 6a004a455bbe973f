import { randomBytes } from 'node:crypto';
import { fromBuffer, Entry } from 'yauzl';
import { eventually } from '../support/processes';
import { TestApp } from '../support/test-app';
import { binary } from './documents';
import { as } from './structure';
import { TestUser } from './users';

export interface TestExport {
  id: string;
  status: string;
  size: number | null;
  requestedAt: string;
  readyAt: string | null;
  downloadedAt: string | null;
  expiresAt: string | null;
}

export const requestExport = (t: TestApp, user: TestUser) => t.http.post('/api/v1/me/export').set(as(user));

export async function exportsOf(t: TestApp, user: TestUser): Promise<TestExport[]> {
  const response = await t.http.get('/api/v1/me/exports').set(as(user));
  if (response.status !== 200) throw new Error(`list exports: ${response.status}`);
  return response.body.items;
}

/** Asks for an export and waits until the worker has built it. */
export async function readyExport(t: TestApp, user: TestUser): Promise<TestExport> {
  const asked = await requestExport(t, user);
  if (asked.status !== 202) throw new Error(`export: ${asked.status} ${JSON.stringify(asked.body)}`);
  return eventually(
    async () => {
      const found = (await exportsOf(t, user)).find((e) => e.id === asked.body.id);
      if (found?.status === 'failed') throw new Error('the export failed');
      return found?.status === 'ready' ? found : undefined;
    },
    30_000,
    'the export to be ready',
  );
}

export const linkFor = (t: TestApp, user: TestUser, exportId: string) =>
  t.http.post(`/api/v1/me/exports/${exportId}/link`).set(as(user));

/** GET of a download link, the body as bytes. */
export const fetchLink = (t: TestApp, url: string) =>
  t.http
    .get(url)
    .buffer(true)
    .parse(binary as never);

/** A token of the right shape that no link has. */
export const unknownToken = () => randomBytes(32).toString('base64url');

/** Every entry of a ZIP: name → bytes. */
export function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    fromBuffer(zip, { lazyEntries: true }, (error, file) => {
      if (error || !file) return reject(error ?? new Error('no zip'));
      const entries = new Map<string, Buffer>();
      file.on('entry', (entry: Entry) => {
        file.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            file.readEntry();
          });
        });
      });
      file.on('end', () => resolve(entries));
      file.on('error', reject);
      file.readEntry();
    });
  });
}
