/**
 * The outbox: posts and comments written without a network, kept in IndexedDB (they survive a
 * reload or a closed tab) until they are sent. Each keeps the Idempotency-Key it was written with, so
 * sending it again after a lost answer never publishes it twice. A few lines over the raw API: no
 * library for four operations.
 */
export interface WaitingPost {
  kind: 'post';
  key: string;
  sphereId: string;
  body: string;
  /** Documents of the sphere attached to it. */
  attachmentIds?: string[];
  createdAt: number;
}

export interface WaitingComment {
  kind: 'comment';
  key: string;
  postId: string;
  /** A reply: the comment it answers. */
  parentId?: string;
  body: string;
  createdAt: number;
}

export type Waiting = WaitingPost | WaitingComment;

const DATABASE = 'alveole-offline';
const STORE = 'outbox';

let opening: Promise<IDBDatabase> | undefined;

function database(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'key' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB is unavailable'));
  });
  return opening;
}

async function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const transaction = (await database()).transaction(STORE, mode);
  const request = action(transaction.objectStore(STORE));
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve(request.result);
    transaction.onerror = transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB failed'));
  });
}

/** Keeps a message until it is sent (the same key again replaces it). */
export async function putWaiting(message: Waiting): Promise<void> {
  await run('readwrite', (store) => store.put(message));
}

/** Every message waiting, oldest first: they are sent in the order they were written. */
export async function allWaiting(): Promise<Waiting[]> {
  const all = await run<Waiting[]>('readonly', (store) => store.getAll() as IDBRequest<Waiting[]>);
  return all.sort((a, b) => a.createdAt - b.createdAt);
}

export async function removeWaiting(key: string): Promise<void> {
  await run('readwrite', (store) => store.delete(key));
}

/** At sign-out: the next user of this browser profile never sends the previous one's messages. */
export async function clearWaiting(): Promise<void> {
  await run('readwrite', (store) => store.clear());
}
