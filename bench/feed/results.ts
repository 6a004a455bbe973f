import { HttpSample } from '../lib/load';
import { BenchResult, Metric, MetricSpec } from '../lib/report';
import { median, round } from '../lib/stats';
import { SerialSample } from './serial';

/*
 * The figures of bench:feed. Per request kind, app against reference: serial latency (reported), max
 * throughput (target ratio ≥ 0.8), p99 at the same fixed rate (target ≤ 1.5). Then how the app's page cost
 * scales, each side against itself: page 1 of the big sphere against page 1 of the 10,000-post sphere, and
 * the deep page against page 1 (targets ≤ 1.2, on the serial latency; the throughput basis is reported).
 */

export const THROUGHPUT_TARGET = 0.8;
export const P99_TARGET = 1.5;
export const SCALING_TARGET = 1.2;

export const serialSpecs = (kind: string): MetricSpec<SerialSample>[] => [
  { name: `${kind} serial median`, unit: 'ms', better: 'lower', target: null, value: (s) => s.median },
  { name: `${kind} serial p90`, unit: 'ms', better: 'lower', target: null, value: (s) => s.p90 },
];

export const maxSpecs = (kind: string): MetricSpec<HttpSample>[] => [
  { name: `${kind} max requests/s`, unit: 'req/s', better: 'higher', target: THROUGHPUT_TARGET, value: (s) => s.rps },
  { name: `${kind} p99 at max`, unit: 'ms', better: 'lower', target: null, value: (s) => s.p99 },
];

export const ratedSpecs = (kind: string, rate: number): MetricSpec<HttpSample>[] => [
  { name: `${kind} p50 at ${rate}/s`, unit: 'ms', better: 'lower', target: null, value: (s) => s.p50 },
  { name: `${kind} p99 at ${rate}/s`, unit: 'ms', better: 'lower', target: P99_TARGET, value: (s) => s.p99 },
];

export interface Scaling {
  name: string;
  basis: 'serial median' | 'max requests/s';
  /** Cost of the first page over the cost of the second, for each side. */
  app: number;
  reference: number;
  target: number | null;
}

export interface FeedResult extends BenchResult {
  scaling: Scaling[];
  setup: Record<string, unknown>;
}

/**
 * How much more `heavy` costs than `light`, for app and reference. Serial basis: the ratio of the two kinds'
 * serial medians in each round (they are measured in the same interleaved pass), median over the rounds.
 * Throughput basis: light's max requests/s over heavy's (measured one after the other), above 1 when heavy is slower.
 */
export function scaling(
  metrics: Metric[],
  serial: Record<string, SerialSample[]>,
  name: string,
  heavy: string,
  light: string,
): Scaling[] {
  const perRound = (side: string) => {
    const lighter = serial[`${light} ${side}`];
    return round(median(serial[`${heavy} ${side}`].map((sample, i) => sample.median / lighter[i].median)), 3);
  };
  const find = (metric: string) => {
    const found = metrics.find((m) => m.name === metric);
    if (!found) throw new Error(`no metric ${metric}`);
    return found;
  };
  const throughput = [find(`${heavy} max requests/s`), find(`${light} max requests/s`)];
  return [
    { name, basis: 'serial median', app: perRound('app'), reference: perRound('reference'), target: SCALING_TARGET },
    {
      name,
      basis: 'max requests/s',
      app: round(throughput[1].app / throughput[0].app, 3),
      reference: round(throughput[1].reference / throughput[0].reference, 3),
      target: null,
    },
  ];
}

export function printScaling(rows: Scaling[]): void {
  const header = ['scaling (cost of the first over the second)', 'basis', 'app', 'reference', 'target', 'ok'];
  const cells = rows.map((row) => [
    row.name,
    row.basis,
    String(row.app),
    String(row.reference),
    row.target === null ? '-' : `≤ ${row.target}`,
    row.target === null ? '-' : row.app <= row.target ? 'yes' : 'NO',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((row) => row[column].length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of cells) console.log(line(row));
  console.log('');
}
