// Longest test files first, so that neither jest worker idles at the end of the run. Jest does this
// from its own cache of last durations, which a fresh clone (CI) does not have: there it would order
// by file size, and a short file with a long table of cases (the authorisation matrix) ran last,
// alone, for minutes. The durations committed in test-durations.json stand in for that cache.
// Refresh them with `node scripts/test-durations.mjs <jest --json output>`.
const { default: Sequencer } = require('@jest/test-sequencer');
const { relative } = require('node:path');
const committed = require('./test-durations.json');

class DurationSequencer extends Sequencer {
  time(test) {
    return super.time(test) ?? committed[relative(test.context.config.rootDir, test.path)];
  }
}

module.exports = DurationSequencer;
