import { defaultOptions, DetailedError, Upload } from 'tus-js-client';
import { refresh, session } from './session.svelte';
import { tokenClaims } from './token-claims';

/** Where the file goes: a new document (in a folder, or the top level), or a new version of one. */
export type UploadTarget = { sphereId: string; folderId: string | null } | { documentId: string };

export interface UploadCallbacks {
  onprogress: (sent: number, total: number) => void;
  /** The document created or given a new version (`Alveole-Document-Id`). */
  ondone: (documentId: string) => void;
  /** The api refused (the problem's detail, if any). */
  onfailed: (detail: string | undefined) => void;
  /** The connection was lost: it goes on by itself (retries, then when the browser is back online). */
  oninterrupted: () => void;
}

export interface RunningUpload {
  /** Stops it and removes what was sent. */
  cancel(): void;
  /** Stops it (the page is left): choosing the same file again later resumes it. */
  pause(): void;
}

/**
 * Waits between attempts after a failure: an upload over an intermittent connection retries by
 * itself for about ten minutes, and starts again on `online` after that.
 */
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10_000, 20_000, 30_000, 60_000, 60_000, 120_000, 300_000];
/** Chunks keep each request short on slow links; what arrived is kept across a cut. */
const CHUNK_SIZE = 5 * 1024 * 1024;

/**
 * A resumable upload (tus 1.0 at /api/v1/uploads) that survives a lost connection: it retries by
 * itself, resumes when the browser is back online, and a reload resumes it from the bytes the api
 * has when the same file is chosen again (tus-js-client keeps its URL in localStorage, keyed by a
 * fingerprint of the file and its destination).
 */
export function startUpload(file: File, target: UploadTarget, callbacks: UploadCallbacks): RunningUpload {
  const metadata: Record<string, string> = {
    ...('documentId' in target
      ? { documentId: target.documentId }
      : { sphereId: target.sphereId, ...(target.folderId ? { folderId: target.folderId } : {}) }),
    filename: file.name,
    filetype: file.type,
  };
  // the same file sent elsewhere (another folder, as a new version) is another upload
  const fingerprint = ['alveole', destination(target), file.name, file.type, file.size, file.lastModified].join('|');
  let finished = false;
  const upload: Upload = new Upload(file, {
    endpoint: '/api/v1/uploads',
    metadata,
    chunkSize: CHUNK_SIZE,
    retryDelays: RETRY_DELAYS,
    storeFingerprintForResuming: true,
    removeFingerprintOnSuccess: true,
    fingerprint: () => Promise.resolve(fingerprint),
    onBeforeRequest: async (request) => {
      const token = await freshToken();
      if (token) request.setHeader('Authorization', `Bearer ${token}`);
    },
    onShouldRetry: (error, attempt) => {
      const status = error.originalResponse?.getStatus() ?? 0;
      // an expired token: refreshed by the next onBeforeRequest; other refusals are final
      if (status === 401) return attempt < 2;
      if (status === 0) callbacks.oninterrupted(); // said at once: the retries go on meanwhile
      return status === 0 || status >= 500 || status === 409 || status === 423;
    },
    onProgress: (sent, total) => callbacks.onprogress(sent, total),
    onSuccess: ({ lastResponse }) => {
      finished = true;
      stopWatching();
      const id = lastResponse.getHeader('Alveole-Document-Id');
      if (id) callbacks.ondone(id);
      else callbacks.onfailed(undefined);
    },
    onError: (error) => {
      if (networkFailure(error)) return callbacks.oninterrupted();
      finished = true;
      stopWatching();
      void forget(fingerprint); // refused: nothing to resume
      callbacks.onfailed(problemDetail(error));
    },
  });

  // past the retries (a long cut): start again when the network returns, from the bytes it has
  const resume = () => {
    if (finished) return;
    void upload.abort().then(() => upload.start());
  };
  window.addEventListener('online', resume);
  const stopWatching = () => window.removeEventListener('online', resume);

  void upload.findPreviousUploads().then((previous) => {
    if (previous.length > 0) upload.resumeFromPreviousUpload(previous[0]);
    upload.start();
  });
  return {
    cancel: () => {
      finished = true;
      stopWatching();
      // the api forgets the partial bytes, this browser the upload
      void upload
        .abort(true)
        .catch(() => undefined)
        .then(() => forget(fingerprint));
    },
    pause: () => {
      finished = true;
      stopWatching();
      void upload.abort(); // kept: choosing the same file again resumes it
    },
  };
}

/** The names of the uploads to this destination that a reload or a closed tab interrupted. */
export async function interruptedUploads(target: UploadTarget): Promise<string[]> {
  const all = await defaultOptions.urlStorage.findAllUploads().catch(() => []);
  return all
    .filter((upload) => {
      const data = upload.metadata ?? {};
      return 'documentId' in target
        ? data.documentId === target.documentId
        : data.sphereId === target.sphereId && (data.folderId ?? null) === target.folderId;
    })
    .map((upload) => upload.metadata?.filename ?? '')
    .filter((name, index, names) => name !== '' && names.indexOf(name) === index);
}

async function forget(fingerprint: string): Promise<void> {
  const storage = defaultOptions.urlStorage;
  const stored = await storage.findUploadsByFingerprint(fingerprint).catch(() => []);
  await Promise.all(stored.map((upload) => storage.removeUpload(upload.urlStorageKey).catch(() => undefined)));
}

function destination(target: UploadTarget): string {
  return 'documentId' in target ? `version:${target.documentId}` : `${target.sphereId}/${target.folderId ?? ''}`;
}

/** The current access token, refreshed first when it has expired (or is about to). */
async function freshToken(): Promise<string | null> {
  const token = session.accessToken;
  const exp = token ? tokenClaims(token)?.exp : undefined;
  if (!token || (typeof exp === 'number' && exp - Date.now() / 1000 < 10)) await refresh();
  return session.accessToken;
}

/** A request that did not get through (no network), rather than a refusal of the api. */
function networkFailure(error: Error | DetailedError): boolean {
  return error instanceof DetailedError && !!error.originalRequest && !(error.originalResponse?.getStatus() ?? 0);
}

/** The problem's `detail` the api answered (413, 415…), if the error carries one. */
function problemDetail(error: Error | DetailedError): string | undefined {
  const body = 'originalResponse' in error ? error.originalResponse?.getBody() : undefined;
  if (!body) return undefined;
  try {
    const problem = JSON.parse(body) as { detail?: unknown };
    return typeof problem.detail === 'string' ? problem.detail : undefined;
  } catch {
    return undefined;
  }
}
