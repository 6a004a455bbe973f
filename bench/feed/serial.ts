import { Agent, request } from 'node:http';
import { isShuttingDown } from '../lib/shutdown';
import { median, percentile } from '../lib/stats';

/*
 * Serial latency: one request at a time, time to the last byte, on one keep-alive connection per side. Every
 * request kind of both sides is measured in the same pass, one request of each in turn (reader i for all of
 * them at step i), so a slow second on this shared machine slows them all alike: the scaling ratios
 * (page 1 at 1,000,000 posts against 10,000, the deep page against page 1) compare kinds measured together.
 */

export interface SerialTarget {
  url: string;
  path: string;
  /** This target's caller, when not the next of `bearers` (bench:moderation: one user per queue). */
  authorization?: string;
}

export interface SerialSample {
  /** Median and p90 of one request's time, ms. */
  median: number;
  p90: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** `rounds` passes of `count` requests per target (after an unrecorded pass of a quarter as many). */
export async function measureSerial(
  targets: Record<string, SerialTarget>,
  bearers: string[],
  count: number,
  rounds: number,
): Promise<Record<string, SerialSample[]>> {
  const names = Object.keys(targets);
  const samples: Record<string, SerialSample[]> = Object.fromEntries(names.map((name) => [name, []]));
  console.log(`[bench] serial warm-up: ${Math.ceil(count / 4)} requests per target`);
  await interleavedPass(targets, bearers, Math.ceil(count / 4));
  for (let round = 1; round <= rounds; round++) {
    const pass = await interleavedPass(targets, bearers, count);
    if (isShuttingDown()) throw new Error('interrupted');
    for (const name of names) {
      samples[name].push(pass[name]);
      const { median: m, p90 } = pass[name];
      console.log(
        `[bench] round ${round}/${rounds} ${name.padEnd(22)} serial median ${m.toFixed(2)} ms  p90 ${p90.toFixed(2)} ms`,
      );
    }
  }
  return samples;
}

async function interleavedPass(
  targets: Record<string, SerialTarget>,
  bearers: string[],
  count: number,
): Promise<Record<string, SerialSample>> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(targets).map((name) => [name, []]));
  for (let i = 0; i < count && !isShuttingDown(); i++) {
    for (const [name, target] of Object.entries(targets)) {
      const started = process.hrtime.bigint();
      await timedGet(`${target.url}${target.path}`, target.authorization ?? bearers[i % bearers.length]);
      times[name].push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  return Object.fromEntries(
    Object.entries(times).map(([name, values]) => [name, { median: median(values), p90: percentile(values, 90) }]),
  );
}

function timedGet(url: string, authorization: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { authorization } }, (response) => {
      response.on('data', () => undefined);
      response.on('end', () =>
        response.statusCode === 200 ? resolve() : reject(new Error(`GET ${url}: HTTP ${response.statusCode}`)),
      );
      response.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
