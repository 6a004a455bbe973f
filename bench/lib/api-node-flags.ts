import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * The node flags the api runs with in production, so the bench runs it as operators do: `npm start`
 * (package.json) is the source, the Dockerfile's CMD repeats them (api-node-flags.spec.ts checks both agree).
 * The bench gives the reference the same flags: both sides run on the same runtime settings.
 */

const START = /^node((?: --[a-z][a-z0-9-]*(?:=\S+)?)*) scripts\/start\.js$/;
const DOCKER_CMD = /^CMD (\[.*\])$/gm;
const API_ENTRY = 'dist/apps/api/src/main.js';

/** The flags of `npm start`: package.json's start script is `node [flags] scripts/start.js`. */
export function apiNodeFlags(root: string): string[] {
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const match = START.exec(scripts.start);
  if (!match) throw new Error(`package.json "start" is not \`node [flags] scripts/start.js\`: ${scripts.start}`);
  return match[1].split(' ').filter(Boolean);
}

/** The flags of the Dockerfile's last CMD, `["node", ...flags, "dist/apps/api/src/main.js"]`. */
export function dockerfileNodeFlags(root: string): string[] {
  const last = [...readFileSync(join(root, 'Dockerfile'), 'utf8').matchAll(DOCKER_CMD)].at(-1);
  const argv = last ? (JSON.parse(last[1]) as string[]) : [];
  if (argv[0] !== 'node' || argv.at(-1) !== API_ENTRY) {
    throw new Error(`the Dockerfile's CMD is not ["node", ...flags, "${API_ENTRY}"]: ${last?.[0] ?? 'none'}`);
  }
  return argv.slice(1, -1);
}
