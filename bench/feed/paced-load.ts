import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { HttpSample } from '../lib/load';
import { onCleanup } from '../lib/shutdown';
import { percentile } from '../lib/stats';

/*
 * Load at a fixed rate, for the p99 target: both sides receive the same requests per second (a share of the
 * reference's max throughput), so their tails are compared at the same work, not each at its own saturation.
 *
 * Not autocannon's `overallRate`: it gives each connection a budget per second that the connection spends at
 * once when the second starts, so the "rate" is a burst at full speed followed by idle time, and its
 * coordinated-omission correction assumes a 1 ms interval. Here requests start evenly spaced (open loop), on
 * keep-alive sockets (at most `connections`, further requests wait for a free one, as a client would), and
 * latency runs from the moment a request was due, so a side that falls behind pays for it in its tail.
 */

export interface PacedLoad {
  url: string;
  path: string;
  connections: number;
  /** Seconds. */
  duration: number;
  /** Requests per second. */
  rate: number;
  headersFor: () => Record<string, string>;
}

const TIMEOUT_MS = 10_000;

export async function runPacedLoad(load: PacedLoad): Promise<HttpSample> {
  const agent = new Agent({ keepAlive: true, maxSockets: load.connections });
  const latencies: number[] = [];
  let failed = 0;
  let stopped = false;
  const forget = onCleanup('stop paced load', () => {
    stopped = true;
  });
  const inFlight = new Set<Promise<void>>();
  const interval = 1000 / load.rate;
  const started = performance.now();
  const end = started + load.duration * 1000;
  let due = started;

  const send = (dueAt: number) => {
    const done = get(`${load.url}${load.path}`, agent, load.headersFor()).then(
      (status) => {
        if (status === 200) latencies.push(performance.now() - dueAt);
        else failed++;
      },
      () => {
        failed++;
      },
    );
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  };

  while (!stopped && due < end) {
    // every request whose time has come (timers fire late by a millisecond or so), then sleep until the next
    const now = performance.now();
    while (due <= now && due < end) {
      send(due);
      due += interval;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
  }
  await Promise.all(inFlight);
  forget();
  agent.destroy();
  return {
    rps: latencies.length / load.duration,
    p50: latencies.length ? round3(percentile(latencies, 50)) : NaN,
    p99: latencies.length ? round3(percentile(latencies, 99)) : NaN,
    ok: latencies.length,
    failed,
  };
}

function get(url: string, agent: Agent, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers, timeout: TIMEOUT_MS }, (response) => {
      response.on('data', () => undefined);
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
