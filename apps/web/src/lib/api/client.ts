import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { session } from '../session.svelte';

/** The typed client of /api/v1: the access token in memory, one refresh and retry on a 401. */
export const api = createClient<paths>({ baseUrl: '' });

const auth: Middleware = {
  onRequest({ request }) {
    if (session.accessToken) request.headers.set('Authorization', `Bearer ${session.accessToken}`);
    return request;
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

export function idempotencyKey(): string {
  return crypto.randomUUID();
}
