import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { refresh, session } from '../session.svelte';

/** The typed client of /api/v1: the access token in memory, one refresh and retry on a 401. */
export const api = createClient<paths>({ baseUrl: '' });

// a copy of each request with a body, unread: fetch consumes the original's body
const copies = new WeakMap<Request, Request>();

const auth: Middleware = {
  onRequest({ request }) {
    if (session.accessToken) request.headers.set('Authorization', `Bearer ${session.accessToken}`);
    if (request.body) copies.set(request, request.clone());
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status !== 401 || !session.accessToken || request.url.includes('/auth/')) return response;
    const sent = request.headers.get('Authorization');
    // another request may have refreshed the token meanwhile: retry with it, else refresh once
    if (sent === `Bearer ${session.accessToken}` && !(await refresh())) return response;
    if (!session.accessToken) return response;
    const again = copies.get(request) ?? request;
    again.headers.set('Authorization', `Bearer ${session.accessToken}`);
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
