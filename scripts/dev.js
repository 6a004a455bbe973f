// `npm run start:dev`: recompile on change (tsc --watch + tsc-alias --watch) and restart the api.
const { spawn } = require('node:child_process');
const { join } = require('node:path');
const { buildIfNeeded, root } = require('./build-if-needed');

buildIfNeeded();
const run = (args) => spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
const children = [
  run([require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--watch', '--preserveWatchOutput']),
  run([require.resolve('tsc-alias/dist/bin/index.js'), '-p', 'tsconfig.build.json', '--watch']),
  run([
    '--watch-path',
    join(root, 'dist', 'apps'),
    '--watch-path',
    join(root, 'dist', 'libs'),
    join(root, 'dist', 'apps', 'api', 'src', 'main.js'),
  ]),
];
const stop = () => children.forEach((child) => child.kill('SIGTERM'));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
