import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Users seeded before measuring. */
  users: number;
  /** Seconds of load per round and per target. */
  duration: number;
  /** Measured rounds per target (alternating). */
  rounds: number;
  /** Concurrent connections of the load generator. */
  connections: number;
  /** Seconds of unrecorded load per target before round 1 (0 to skip). */
  warmup: number;
}

/** Small enough to finish in about a minute on a laptop; pass flags for a full-size run. */
export const SMALL_RUN: BenchOptions = { users: 50, duration: 8, rounds: 3, connections: 32, warmup: 3 };

const FLAGS = Object.keys(SMALL_RUN) as (keyof BenchOptions)[];

export function parseBenchOptions(argv: string[], defaults: BenchOptions = SMALL_RUN): BenchOptions {
  const numeric = { type: 'string' } as const;
  const { values } = parseArgs({
    args: argv,
    options: {
      users: numeric,
      duration: numeric,
      rounds: numeric,
      connections: numeric,
      warmup: numeric,
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(`flags (defaults): ${FLAGS.map((flag) => `--${flag} ${defaults[flag]}`).join(' ')}`);
    process.exit(0);
  }
  const options = { ...defaults };
  for (const flag of FLAGS) {
    const raw = values[flag];
    if (typeof raw !== 'string') continue;
    const value = Number(raw);
    const minimum = flag === 'warmup' ? 0 : 1;
    if (!Number.isInteger(value) || value < minimum) throw new Error(`--${flag} must be an integer ≥ ${minimum}`);
    options[flag] = value;
  }
  return options;
}
