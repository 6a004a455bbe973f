import { isShuttingDown } from './shutdown';

export interface AlternationOptions<Target, Sample> {
  rounds: number;
  /** Measured in this order every round, e.g. `{ app, reference }`. */
  targets: Record<string, Target>;
  measure: (target: Target, name: string, round: number) => Promise<Sample>;
  /** Run once per target before round 1 and not recorded: JIT, connection pools and caches warm up. */
  warmup?: (target: Target, name: string) => Promise<unknown>;
  describe?: (sample: Sample) => string;
}

/**
 * Measures the targets in alternation (a, b, a, b, ...) rather than all of a then all of b,
 * so drift of the machine (thermal throttling, a noisy neighbour, autovacuum) hits both alike.
 */
export async function alternate<Target, Sample>(
  options: AlternationOptions<Target, Sample>,
): Promise<Record<string, Sample[]>> {
  const names = Object.keys(options.targets);
  const samples: Record<string, Sample[]> = Object.fromEntries(names.map((name) => [name, []]));
  if (options.warmup) {
    for (const name of names) {
      if (isShuttingDown()) throw new Error('interrupted');
      log(`warm-up ${name}`);
      await options.warmup(options.targets[name], name);
    }
  }
  for (let round = 1; round <= options.rounds; round++) {
    for (const name of names) {
      const sample = await options.measure(options.targets[name], name, round);
      // A run cut short by Ctrl-C is not a sample.
      if (isShuttingDown()) throw new Error('interrupted');
      samples[name].push(sample);
      log(`round ${round}/${options.rounds} ${name.padEnd(9)} ${options.describe?.(sample) ?? ''}`);
    }
  }
  return samples;
}

function log(line: string): void {
  console.log(`[bench] ${line}`);
}
