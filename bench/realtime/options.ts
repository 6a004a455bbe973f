import { parseArgs } from 'node:util';

export interface RealtimeOptions {
  clients: number;
  posts: number;
  rounds: number;
  warmup: number;
  batch: number;
  gap: number;
}

export const DEFAULTS: RealtimeOptions = { clients: 1000, posts: 200, rounds: 5, warmup: 10, batch: 100, gap: 20 };

const HELP: Record<keyof RealtimeOptions, string> = {
  clients: 'socket.io clients subscribed to the sphere (each a distinct member)',
  posts: 'measured posts per side, one after the other, spread evenly over the rounds',
  rounds: 'rounds of posts per side, alternating bare, app on 1 node, app on 2 nodes',
  warmup: 'unrecorded posts per side, to 50 clients, before memory is read (0 to skip)',
  batch: 'clients connecting (then subscribing) at the same time',
  gap: 'ms between the last delivery of a post and the next POST',
};

const MINIMUM: Record<keyof RealtimeOptions, number> = { clients: 2, posts: 1, rounds: 1, warmup: 0, batch: 1, gap: 0 };

export function parseRealtimeOptions(argv: string[]): RealtimeOptions {
  const flags = Object.keys(DEFAULTS) as (keyof RealtimeOptions)[];
  const { values } = parseArgs({
    args: argv,
    options: {
      ...Object.fromEntries(flags.map((flag) => [flag, { type: 'string' as const }])),
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    for (const flag of flags) console.log(`--${flag.padEnd(9)} ${String(DEFAULTS[flag]).padEnd(6)} ${HELP[flag]}`);
    process.exit(0);
  }
  const options = { ...DEFAULTS };
  for (const flag of flags) {
    const raw = (values as Record<string, unknown>)[flag];
    if (typeof raw !== 'string') continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < MINIMUM[flag])
      throw new Error(`--${flag} must be an integer ≥ ${MINIMUM[flag]}`);
    options[flag] = value;
  }
  if (options.posts < options.rounds) throw new Error('--posts must be at least --rounds');
  return options;
}
