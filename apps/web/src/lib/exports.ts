import { api, problemOf } from './api/client';
import type { components } from './api/schema';

export type DataExport = components['schemas']['ExportResponse'];

/** While an export is being built, how often its status is read again. */
export const POLL_MS = 2000;

export async function readExports(): Promise<DataExport[] | undefined> {
  const { data } = await api.GET('/api/v1/me/exports');
  return data?.items;
}

/** Asks for an export; the problem's type when refused (`export-in-progress`, `too-many-exports`). */
export async function requestExport(): Promise<{ created?: DataExport; refused?: string }> {
  const { data, error } = await api.POST('/api/v1/me/export');
  return data ? { created: data } : { refused: problemOf(error)?.type ?? 'failed' };
}

/** The single-use link of a ready export (a path on the api's origin), or undefined. */
export async function exportLink(exportId: string): Promise<string | undefined> {
  const { data } = await api.POST('/api/v1/me/exports/{id}/link', { params: { path: { id: exportId } } });
  return data?.url;
}
