import { autocannon, AutocannonRequest } from './autocannon';
import { onCleanup } from './shutdown';

export interface HttpLoad {
  url: string;
  path: string;
  method?: string;
  connections: number;
  /** Seconds. */
  duration: number;
  /** Headers of each request in turn (e.g. the next user's token); called once per request sent. */
  headersFor?: () => Record<string, string>;
  /** Statuses besides 2xx that are a right answer, e.g. 304 to a request carrying If-None-Match. */
  alsoOk?: number[];
}

export interface HttpSample {
  /** Successful (2xx, or a status of `alsoOk`) responses per second over the whole run. */
  rps: number;
  /** Latency of all responses (autocannon's default), ms. */
  p50: number;
  p99: number;
  ok: number;
  /** Non-2xx answers, socket errors and timeouts: any of them makes the numbers suspect. */
  failed: number;
}

/** One autocannon run against 127.0.0.1, reduced to the few numbers the report compares. */
export async function runHttpLoad(load: HttpLoad): Promise<HttpSample> {
  const request: AutocannonRequest = { method: load.method ?? 'GET', path: load.path };
  if (load.headersFor) {
    const headersFor = load.headersFor;
    request.setupRequest = (req) => ({ ...req, headers: { ...req.headers, ...headersFor() } });
  }
  const run = autocannon({
    url: load.url,
    connections: load.connections,
    duration: load.duration,
    timeout: 10,
    requests: [request],
  });
  // On Ctrl-C, stop the load first: open connections would hold up the services' graceful shutdown.
  const forget = onCleanup('stop load', () => run.stop());
  const result = await Promise.resolve(run).finally(forget);
  const expected = (load.alsoOk ?? []).reduce((sum, status) => sum + (result.statusCodeStats[status]?.count ?? 0), 0);
  return {
    rps: (result['2xx'] + expected) / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'] + expected,
    failed: result.non2xx - expected + result.errors + result.timeouts,
  };
}

export function describeHttpSample(sample: HttpSample): string {
  const failed = sample.failed > 0 ? `  FAILED ${sample.failed}` : '';
  return `${sample.rps.toFixed(0).padStart(7)} req/s  p50 ${sample.p50} ms  p99 ${sample.p99} ms${failed}`;
}

/** Cycles through values, e.g. one bearer token per seeded user, so requests spread over all rows. */
export function roundRobin<T>(values: readonly T[]): () => T {
  if (values.length === 0) throw new Error('roundRobin of an empty list');
  let next = 0;
  return () => {
    const value = values[next];
    next = (next + 1) % values.length;
    return value;
  };
}
