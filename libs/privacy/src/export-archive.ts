import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { FileStorage } from '@alveole/documents';
import { PersonalData } from './personal-data';
import { README } from './export-readme';

interface Entry {
  path: string;
  open: () => Promise<Readable>;
}

/** A name safe in any file system and unzip tool: ASCII letters, digits, dot, dash, underscore. */
export function safeFileName(name: string): string {
  const ascii = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const safe = ascii
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(-100);
  return safe || 'file';
}

const json = (load: () => Promise<unknown>) => async () =>
  Readable.from([Buffer.from(JSON.stringify(await load(), null, 2) + '\n', 'utf8')]);

/** documents.json: my versions grouped by document, each with its file in the archive (null when its bytes are gone). */
async function documentEntries(
  data: PersonalData,
  storage: FileStorage,
): Promise<{ index: unknown[]; files: Entry[] }> {
  const byDocument = new Map<string, { document: Record<string, unknown>; versions: unknown[] }>();
  const files: Entry[] = [];
  for (const version of await data.documentVersions()) {
    const { storageKey, version: number, size, mimeType, sha256, uploadedAt, ...document } = version;
    const stored = (await storage.stat(storageKey)) !== null;
    const path = `files/${document.documentId}-v${number}-${safeFileName(document.name)}`;
    if (stored) files.push({ path, open: () => storage.read(storageKey) });
    const entry = byDocument.get(document.documentId) ?? { document, versions: [] as unknown[] };
    entry.versions.push({ version: number, size, mimeType, sha256, uploadedAt, file: stored ? path : null });
    byDocument.set(document.documentId, entry);
  }
  return { index: [...byDocument.values()].map(({ document, versions }) => ({ ...document, versions })), files };
}

function entriesOf(data: PersonalData, documents: unknown[]): Entry[] {
  return [
    { path: 'README.txt', open: () => Promise.resolve(Readable.from([Buffer.from(README, 'utf8')])) },
    { path: 'profile.json', open: json(() => data.profile()) },
    { path: 'memberships.json', open: json(() => data.memberships()) },
    { path: 'posts.json', open: json(() => data.posts()) },
    { path: 'comments.json', open: json(() => data.comments()) },
    { path: 'reactions.json', open: json(() => data.reactions()) },
    { path: 'reports.json', open: json(() => data.reports()) },
    { path: 'notifications.json', open: json(() => data.notifications()) },
    { path: 'preferences.json', open: json(() => data.preferences()) },
    { path: 'sessions.json', open: json(() => data.sessions()) },
    { path: 'audit.json', open: json(() => data.audit()) },
    { path: 'documents.json', open: json(() => Promise.resolve(documents)) },
  ];
}

/**
 * Streams the archive into storage under `key`: yazl asks for each entry's stream only when it
 * reaches it, so one kind's rows (or one file's stream) are held at a time, never the whole archive.
 * Resolves with the archive's size; on any error nothing is left under `key` (FileStorage.write).
 */
export async function writeExportArchive(
  data: PersonalData,
  storage: FileStorage,
  key: string,
): Promise<{ size: number }> {
  const documents = await documentEntries(data, storage);
  const zip = new ZipFile();
  const output = zip.outputStream as Readable;
  zip.on('error', (error: Error) => output.destroy(error));
  const mtime = new Date();
  for (const entry of [...entriesOf(data, documents.index), ...documents.files]) {
    zip.addReadStreamLazy(entry.path, { mtime }, (done) => {
      entry.open().then(
        (stream) => done(null, stream),
        (error: unknown) => done(error, undefined as never),
      );
    });
  }
  zip.end();
  return storage.write(key, output);
}
