import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from './paths';
import { median, round } from './stats';

export type Better = 'higher' | 'lower';

/** How one number is read off each sample and judged. */
export interface MetricSpec<Sample> {
  name: string;
  unit: string;
  better: Better;
  /** Bound on app/reference: a minimum when better is higher, a maximum when lower; null = reported only. */
  target: number | null;
  value: (sample: Sample) => number;
}

export interface Metric {
  name: string;
  unit: string;
  app: number;
  reference: number;
  ratio: number;
  better: Better;
  target: number | null;
  /** Bound on the app's own value (a budget: bytes, requests, a score), when the target is absolute. */
  limit?: number;
}

export interface BenchResult {
  name: string;
  machine: string;
  date: string;
  metrics: Metric[];
}

/** Median of each metric over the rounds of each side, and their ratio app/reference. */
export function summarise<Sample>(
  samples: { app: Sample[]; reference: Sample[] },
  specs: MetricSpec<Sample>[],
): Metric[] {
  return specs.map((spec) => {
    const app = median(samples.app.map(spec.value));
    const reference = median(samples.reference.map(spec.value));
    return {
      name: spec.name,
      unit: spec.unit,
      app: round(app),
      reference: round(reference),
      ratio: reference === 0 ? NaN : round(app / reference, 3),
      better: spec.better,
      target: spec.target,
    };
  });
}

export function meetsTarget(metric: Metric): boolean | null {
  const checks: boolean[] = [];
  const within = (value: number, bound: number) => (metric.better === 'higher' ? value >= bound : value <= bound);
  if (metric.target !== null) checks.push(within(metric.ratio, metric.target));
  if (metric.limit !== undefined) checks.push(within(metric.app, metric.limit));
  return checks.length === 0 ? null : checks.every(Boolean);
}

/** Enough to tell two result files apart: numbers are only comparable on the same machine. */
export function machineDescription(): string {
  const cores = cpus();
  const memoryGiB = (totalmem() / 1024 ** 3).toFixed(1);
  return `${cores[0]?.model.trim() ?? 'unknown CPU'}, ${cores.length} cores, ${memoryGiB} GiB, node ${process.version}`;
}

export function buildResult(name: string, metrics: Metric[]): BenchResult {
  return { name, machine: machineDescription(), date: new Date().toISOString(), metrics };
}

export function printTable(result: BenchResult): void {
  const header = ['metric', 'unit', 'app', 'reference', 'ratio', 'better', 'target', 'ok'];
  const rows = result.metrics.map((metric) => {
    const ok = meetsTarget(metric);
    const sign = metric.better === 'higher' ? '≥' : '≤';
    const bounds = [
      ...(metric.target === null ? [] : [`ratio ${sign} ${metric.target}`]),
      ...(metric.limit === undefined ? [] : [`app ${sign} ${metric.limit}`]),
    ];
    const bound = bounds.length === 0 ? '-' : bounds.join(', ');
    return [
      metric.name,
      metric.unit,
      String(metric.app),
      String(metric.reference),
      String(metric.ratio),
      metric.better,
      bound,
      ok === null ? '-' : ok ? 'yes' : 'NO',
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  console.log(`\n${result.name} — ${result.machine} — ${result.date}`);
  console.log(line(header));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(line(row));
  console.log('');
}

/** Writes bench/results/<name>.json (git-ignored) and returns its path. */
export function writeResult(result: BenchResult): string {
  const path = join(repoRoot(), 'bench', 'results', `${result.name}.json`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
}
