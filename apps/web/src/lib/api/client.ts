import createClient, { type Middleware } from 'openapi-fetch';
import { untrack } from 'svelte';
import type { paths } from './schema';
import { refresh, session } from '../session.svelte';

/** The typed client of /api/v1: the access token in memory, one refresh and retry on a 401. */
export const api = createClient<paths>({ baseUrl: '' });

// a copy of each request with a body, unread: fetch consumes the original's body
const copies = new WeakMap<Request, Request>();

// Read without tracking: a page's effect that calls the api must not run again (and reload its
// list under the reader) each time the token is refreshed.
const currentToken = () => untrack(() => session.accessToken);

const auth: Middleware = {
  onRequest({ request }) {
    const token = currentToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    if (request.body) copies.set(request, request.clone());
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status !== 401 || !currentToken() || request.url.includes('/auth/')) return response;
    const sent = request.headers.get('Authorization');
    // another request may have refreshed the token meanwhile: retry with it, else refresh once
    if (sent === `Bearer ${currentToken()}` && !(await refresh())) return response;
    const token = currentToken();
    if (!token) return response;
    const again = copies.get(request) ?? request;
    again.headers.set('Authorization', `Bearer ${token}`);
    return fetch(again);
  },
};
api.use(auth);

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

export function problemOf(error: unknown): Problem | undefined {
  return error && typeof error === 'object' && 'type' in error ? (error as Problem) : undefined;
}

/** The message to show for a failed call: the problem's detail, else a generic one. */
export function problemText(error: unknown, fallback: string): string {
  return problemOf(error)?.detail ?? fallback;
}

export function idempotencyKey(): string {
  return crypto.randomUUID();
}
