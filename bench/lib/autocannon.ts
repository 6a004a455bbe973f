import { createRequire } from 'node:module';

/*
 * autocannon ships no type definitions and @types/autocannon is not installed. Typing only the calls
 * the bench makes, here, keeps them out of the global module namespace: an ambient
 * `declare module 'autocannon'` would shadow real definitions for the whole program if they are added.
 */
const load = createRequire(__filename);

export interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
}

export interface AutocannonOptions {
  url: string;
  connections?: number;
  duration?: number;
  timeout?: number;
  pipelining?: number;
  method?: string;
  headers?: Record<string, string>;
  requests?: AutocannonRequest[];
}

export interface AutocannonHistogram {
  average: number;
  mean: number;
  stddev: number;
  min: number;
  max: number;
  total: number;
  p50: number;
  p90: number;
  p99: number;
}

export interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  mismatches: number;
  non2xx: number;
  '2xx': number;
  requests: AutocannonHistogram;
  latency: AutocannonHistogram;
  statusCodeStats: Record<string, { count: number }>;
}

export type AutocannonInstance = PromiseLike<AutocannonResult> & { stop(): void };

export const autocannon = load('autocannon') as (options: AutocannonOptions) => AutocannonInstance;
