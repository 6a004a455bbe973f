// Builds dist/ when it is missing or older than any source file, so `npm start` works on a fresh clone.
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const marker = join(root, 'dist', 'apps', 'api', 'src', 'main.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name === '.svelte-kit') continue;
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const webIndex = join(root, 'dist', 'web', 'index.html');

function buildIfNeeded() {
  buildWebIfMissing();
  const sources = ['apps', 'libs', 'migrations', 'scripts'].map((dir) => newestSource(join(root, dir)));
  if (existsSync(marker) && statSync(marker).mtimeMs >= Math.max(...sources)) return;
  process.stdout.write('Building Alveole (first start or sources changed)…\n');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  execFileSync(process.execPath, [require.resolve('tsc-alias/dist/bin/index.js'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
}

/** The web client (dist/web): built once when missing (`npm run build` rebuilds it). */
function buildWebIfMissing() {
  if (existsSync(webIndex)) return;
  process.stdout.write('Building the web client (first start)…\n');
  const npm = process.env.npm_execpath;
  if (npm) execFileSync(process.execPath, [npm, 'run', 'build:web'], { cwd: root, stdio: 'inherit' });
  else execFileSync('npm', ['run', 'build:web'], { cwd: root, stdio: 'inherit' });
}

module.exports = { buildIfNeeded, root };
if (require.main === module) buildIfNeeded();
