import { parseArgs } from 'node:util';

export interface ModerationOptions {
  cases: number;
  deepPage: number;
  rounds: number;
  duration: number;
  serial: number;
  connections: number;
  warmup: number;
  explain: boolean;
}

const DEFAULTS: ModerationOptions = {
  cases: 100_000,
  deepPage: 500,
  rounds: 3,
  duration: 2,
  serial: 100,
  connections: 32,
  warmup: 1,
  explain: false,
};

const HELP: Record<keyof ModerationOptions, string> = {
  cases: 'moderation cases in the organisation (each queue needs deep-page × 20: 12% and 12% of them)',
  deepPage: 'the deep page of both queues, reached by cursor',
  rounds: 'alternating rounds per side, for each request kind and measure',
  duration: 'seconds of max-throughput load per round and side',
  serial: 'requests one after the other per round, side and kind, for the serial latency',
  connections: 'autocannon connections',
  warmup: 'seconds of unrecorded load per side before the rounds of each request kind (0 to skip)',
  explain: 'print EXPLAIN (ANALYZE, BUFFERS) of page 1 and the deep page of both queue statements',
};

const flagOf = (key: keyof ModerationOptions) => (key === 'deepPage' ? 'deep-page' : key);

export function parseModerationOptions(argv: string[]): ModerationOptions {
  const keys = Object.keys(DEFAULTS) as (keyof ModerationOptions)[];
  const { values } = parseArgs({
    args: argv,
    options: {
      ...Object.fromEntries(
        keys.map((key) => [flagOf(key), { type: key === 'explain' ? ('boolean' as const) : ('string' as const) }]),
      ),
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    for (const key of keys) console.log(`--${flagOf(key).padEnd(12)} ${String(DEFAULTS[key]).padEnd(8)} ${HELP[key]}`);
    process.exit(0);
  }
  const raw = values as Record<string, unknown>;
  const options = { ...DEFAULTS, explain: raw.explain === true };
  for (const key of keys) {
    if (key === 'explain' || typeof raw[flagOf(key)] !== 'string') continue;
    const value = Number(String(raw[flagOf(key)]).replace(/_/g, ''));
    const minimum = key === 'warmup' ? 0 : key === 'deepPage' ? 2 : 1;
    if (!Number.isInteger(value) || value < minimum)
      throw new Error(`--${flagOf(key)} must be an integer ≥ ${minimum}`);
    options[key] = value;
  }
  return options;
}
