import { api } from './api/client';
import type { components } from './api/schema';
import type { DocumentPayload } from '../../../../libs/realtime/src/realtime-events';

export type SphereDocument = components['schemas']['DocumentResponse'];
export type Folder = components['schemas']['FolderResponse'];
export type Version = components['schemas']['VersionResponse'];
export type { DocumentPayload };

/** Documents per page: a folder's first screen stays light; "load more" brings the next ones. */
export const DOCUMENTS_PAGE = 20;

/** One page of a folder's documents (or the top level's), or of the sphere's matching `q`. */
export async function readDocuments(sphereId: string, given: { folderId?: string; q?: string; cursor?: string }) {
  const query = { limit: DOCUMENTS_PAGE, ...given };
  const { data, error } = await api.GET('/api/v1/spheres/{sphereId}/documents', {
    params: { path: { sphereId }, query },
  });
  return { page: data, error };
}

export async function readFolders(sphereId: string): Promise<Folder[] | undefined> {
  const { data } = await api.GET('/api/v1/spheres/{sphereId}/folders', { params: { path: { sphereId } } });
  return data?.items;
}

/** The folder and its ancestors, from the top level down (the breadcrumb). */
export function folderPath(folders: Folder[], folderId: string | null): Folder[] {
  const byId = new Map(folders.map((folder) => [folder.id, folder]));
  const path: Folder[] = [];
  // a cycle cannot come from the api (it refuses one); the bound only guards against a stale list
  for (let folder = folderId ? byId.get(folderId) : undefined; folder && path.length < 100;) {
    path.unshift(folder);
    folder = folder.parentId ? byId.get(folder.parentId) : undefined;
  }
  return path;
}

/** Every folder with its depth, parents before their children, by name: the choices of a move. */
export function folderOptions(folders: Folder[]): { folder: Folder; depth: number }[] {
  const options: { folder: Folder; depth: number }[] = [];
  const visit = (parentId: string | null, depth: number) => {
    for (const folder of folders.filter((each) => each.parentId === parentId)) {
      options.push({ folder, depth });
      if (depth < 20) visit(folder.id, depth + 1);
    }
  };
  visit(null, 0);
  return options;
}

/** 1536 → "1.5 KB" in the reader's language (powers of 1024, as file managers show them). */
export function humanSize(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toLocaleString(locale, { maximumFractionDigits: digits })} ${units[unit]}`;
}

/** "application/pdf" → "PDF": the type as a short word a reader recognises. */
export function shortType(mimeType: string): string {
  const known: Record<string, string> = {
    'application/pdf': 'PDF',
    'text/plain': 'TXT',
    'text/csv': 'CSV',
    'text/markdown': 'MD',
    'application/zip': 'ZIP',
    'application/msword': 'DOC',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
    'application/vnd.ms-excel': 'XLS',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
    'application/vnd.oasis.opendocument.text': 'ODT',
    'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
  };
  if (known[mimeType]) return known[mimeType];
  const [kind, sub = ''] = mimeType.split('/');
  return kind === 'image' ? sub.toUpperCase() : (sub.split(/[.+-]/).pop() ?? mimeType).toUpperCase();
}

/** The name a Content-Disposition header gives (`filename*=UTF-8''…` first). */
export function dispositionName(header: string | null): string | undefined {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header ?? '')?.[1];
  if (encoded) return decodeURIComponent(encoded);
  return /filename="?([^";]+)"?/i.exec(header ?? '')?.[1];
}

/**
 * Downloads a document (or one of its versions) under its name. The api needs the Bearer token, so
 * the bytes come through the typed client (which refreshes it) and are saved from an object URL.
 * Resolves false when the api refused or could not be reached.
 */
export async function downloadDocument(id: string, name?: string, version?: number): Promise<boolean> {
  const answer = await api
    .GET('/api/v1/documents/{id}/content', {
      params: { path: { id }, query: version ? { version } : {} },
      parseAs: 'blob',
    })
    .catch(() => undefined); // no network
  const data = answer?.data;
  if (!answer?.response.ok || !(data instanceof Blob)) return false;
  const response = answer.response;
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  link.download = name ?? dispositionName(response.headers.get('content-disposition')) ?? 'document';
  document.body.append(link);
  link.click();
  link.remove();
  // the download has started from the URL: it may go once this task is over
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}

/** Inserts or replaces a document in a list kept by name (as the api sorts it). */
export function placeByName<T extends { id: string; name: string }>(list: T[], item: T): T[] {
  const others = list.filter((each) => each.id !== item.id);
  const index = others.findIndex((each) => each.name.localeCompare(item.name) > 0);
  return index < 0 ? [...others, item] : [...others.slice(0, index), item, ...others.slice(index)];
}
