import { parseArgs } from 'node:util';

export interface FeedOptions {
  posts: number;
  users: number;
  readers: number;
  deepPage: number;
  rounds: number;
  duration: number;
  connections: number;
  warmup: number;
  serial: number;
  rateShare: number;
  rateDuration: number;
  reseed: boolean;
}

type NumericFlag = Exclude<keyof FeedOptions, 'reseed'>;

export const DEFAULTS: FeedOptions = {
  posts: 1_000_000,
  users: 10_000,
  readers: 1_000,
  deepPage: 5_000,
  rounds: 3,
  duration: 5,
  connections: 32,
  warmup: 2,
  serial: 200,
  rateShare: 50,
  rateDuration: 10,
  reseed: false,
};

const HELP: Record<keyof FeedOptions, string> = {
  posts: 'posts in the big sphere (a seeded template is kept per size)',
  users: 'users; all belong to the big sphere and a few small ones',
  readers: 'users whose tokens the requests rotate over (members of the 10,000-post sphere too)',
  deepPage: 'the deep page, reached by cursor (lowered to 90% of the big sphere when it has fewer posts)',
  rounds: 'alternating rounds per side, for each request kind and measure',
  duration: 'seconds of max-throughput load per round and side',
  connections: 'connections of the load: autocannon, and the sockets of the fixed-rate client',
  warmup: 'seconds of unrecorded load per side before the rounds of each request kind (0 to skip)',
  serial: 'requests one after the other per round and side, for the serial latency',
  rateShare: 'fixed rate for p99, in % of the reference median max throughput of that request kind',
  rateDuration: 'seconds of fixed-rate load per round and side (a p99 needs many requests)',
  reseed: 'rebuild the seeded template even if one exists',
};

const KEBAB: Record<string, keyof FeedOptions> = {
  'deep-page': 'deepPage',
  'rate-share': 'rateShare',
  'rate-duration': 'rateDuration',
};
const flagOf = (key: keyof FeedOptions) => Object.keys(KEBAB).find((flag) => KEBAB[flag] === key) ?? key;

export function parseFeedOptions(argv: string[]): FeedOptions {
  const keys = Object.keys(DEFAULTS) as (keyof FeedOptions)[];
  const { values } = parseArgs({
    args: argv,
    options: {
      ...Object.fromEntries(
        keys.map((key) => [flagOf(key), { type: key === 'reseed' ? ('boolean' as const) : ('string' as const) }]),
      ),
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    for (const key of keys) console.log(`--${flagOf(key).padEnd(14)} ${String(DEFAULTS[key]).padEnd(8)} ${HELP[key]}`);
    process.exit(0);
  }
  const options = { ...DEFAULTS, reseed: (values as Record<string, unknown>).reseed === true };
  for (const key of keys.filter((k): k is NumericFlag => k !== 'reseed')) {
    const raw = (values as Record<string, unknown>)[flagOf(key)];
    if (typeof raw !== 'string') continue;
    const value = Number(raw.replace(/_/g, ''));
    const minimum = key === 'warmup' ? 0 : 1;
    if (!Number.isInteger(value) || value < minimum)
      throw new Error(`--${flagOf(key)} must be an integer ≥ ${minimum}`);
    options[key] = value;
  }
  if (options.readers > options.users) throw new Error('--readers must not exceed --users');
  if (options.rateShare > 100) throw new Error('--rate-share is a percentage (1..100)');
  return options;
}
