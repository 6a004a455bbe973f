// Writes test/support/test-durations.json (file → milliseconds) from the output of
// `jest --json --outputFile=<file>`: the order in which a fresh clone runs the test files.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [input] = process.argv.slice(2);
if (!input) throw new Error('usage: node scripts/test-durations.mjs <jest --json output>');
const { testResults } = JSON.parse(readFileSync(input, 'utf8'));
const durations = Object.fromEntries(
  testResults
    .map((result) => [relative(root, result.name), Math.round(result.endTime - result.startTime)])
    .sort(([a], [b]) => (a < b ? -1 : 1)),
);
writeFileSync(join(root, 'test', 'support', 'test-durations.json'), `${JSON.stringify(durations, null, 2)}\n`);
console.log(`${Object.keys(durations).length} test files`);
