// `npm start` (api) and `npm run start:worker`: build if needed, then run the process.
// The api runs pending migrations itself before it listens; with no REDIS_URL it also runs the jobs.
const { join } = require('node:path');
const { buildIfNeeded, root } = require('./build-if-needed');

const which = process.argv[2] === 'worker' ? 'worker' : 'api';
buildIfNeeded();
require(join(root, 'dist', 'apps', which, 'src', 'main.js'));
