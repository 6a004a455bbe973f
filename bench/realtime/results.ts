import { isDeepStrictEqual } from 'node:util';
import { MetricSpec } from '../lib/report';
import { percentile } from '../lib/stats';
import { PostSeries, shapeOf } from './fan-out';

/** All posts of a side pooled over its rounds, so p99 rests on every measured post. */
export interface Pooled {
  p50: number;
  p99: number;
  firstP50: number;
  connectMs: number;
  /** KiB per socket after a full GC; NaN when not read on that side. */
  memory: PerSocket;
}

/** KiB of resident memory and of V8 heap that a connected, subscribed socket keeps. */
export interface PerSocket {
  rss: number;
  heap: number;
}

export function pool(rounds: PostSeries[], connectMs: number, memory: PerSocket | null): Pooled {
  const last = rounds.flatMap((series) => series.lastDelivery);
  const first = rounds.flatMap((series) => series.firstDelivery);
  if (last.length === 0) throw new Error('no post reached every client: nothing to report');
  return {
    p50: percentile(last, 50),
    p99: percentile(last, 99),
    firstP50: percentile(first, 50),
    connectMs,
    memory: memory ?? { rss: NaN, heap: NaN },
  };
}

/** The rows of one configuration (`1 node`, `2 nodes`), each against the bare server. */
export function sideMetrics(label: string, clients: number, p99Target: number, memory: boolean): MetricSpec<Pooled>[] {
  const specs: MetricSpec<Pooled>[] = [
    { name: `${label}: delivery p50`, unit: 'ms', better: 'lower', target: null, value: (s) => s.p50 },
    { name: `${label}: delivery p99`, unit: 'ms', better: 'lower', target: p99Target, value: (s) => s.p99 },
    { name: `${label}: first delivery p50`, unit: 'ms', better: 'lower', target: null, value: (s) => s.firstP50 },
    {
      name: `${label}: connect+subscribe ${clients}`,
      unit: 'ms',
      better: 'lower',
      target: null,
      value: (s) => s.connectMs,
    },
  ];
  if (memory) {
    specs.push(
      { name: `${label}: memory per socket`, unit: 'KiB', better: 'lower', target: 1.5, value: (s) => s.memory.rss },
      { name: `${label}: heap per socket`, unit: 'KiB', better: 'lower', target: null, value: (s) => s.memory.heap },
    );
  }
  return specs;
}

export function describeSeries(series: PostSeries): string {
  const last = series.lastDelivery;
  const failed = series.failed > 0 ? `, ${series.failed} FAILED (${series.firstFailure})` : '';
  if (last.length === 0) return `no complete delivery${failed}`;
  return (
    `${last.length} posts, last delivery p50 ${percentile(last, 50).toFixed(1)} ms, max ` +
    `${Math.max(...last).toFixed(1)} ms, first delivery p50 ${percentile(series.firstDelivery, 50).toFixed(1)} ms${failed}`
  );
}

/**
 * Both sides must broadcast the same thing: the payload of one post, as two clients get it, has the same
 * keys and value types on the app (one node and two) and on the bare server. Otherwise the run stops.
 */
export async function assertSamePayload<Side>(
  sides: Record<string, Side>,
  probe: (side: Side) => Promise<PostSeries>,
): Promise<void> {
  const payloads: [string, unknown][] = [];
  for (const [name, side] of Object.entries(sides)) {
    const series = await probe(side);
    if (series.failed > 0 || !series.payload) throw new Error(`${name}: the check post failed: ${series.firstFailure}`);
    payloads.push([name, series.payload]);
    const bytes = Buffer.byteLength(JSON.stringify(series.payload));
    console.log(
      `[bench] post.created on ${name}: ${bytes} bytes of JSON, keys ${Object.keys(series.payload).join(', ')}`,
    );
  }
  const [[referenceName, reference], ...others] = payloads;
  for (const [name, payload] of others) {
    if (!isDeepStrictEqual(shapeOf(payload), shapeOf(reference))) {
      throw new Error(
        `${name} and ${referenceName} broadcast different payloads:\n ${name} ${JSON.stringify(payload)}\n ` +
          `${referenceName} ${JSON.stringify(reference)}`,
      );
    }
  }
}
