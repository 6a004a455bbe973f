// Nest 12 and a few of its dependencies ship ES modules only; @swc/jest turns them (and our
// TypeScript) into CommonJS so jest runs on Node 20 (see README "Node 20 and ESM").
// The npm scripts also start jest with --experimental-vm-modules: PGlite loads its WebAssembly
// through a dynamic import(), which jest's module sandbox only allows with that flag.
const esmPackages = [
  '@nestjs',
  '@fastify/static',
  'nestjs-pino',
  'file-type',
  'content-disposition',
  'cookie',
  'strtok3',
  'token-types',
  '@tokenizer',
  'uint8array-extras',
  'load-esm',
  '@borewit',
  'uuid',
  '@tus',
  'srvx',
  'set-cookie-parser',
];

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const common = {
  transform: { '^.+\\.(t|j|mj|cj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper: {
    '^@alveole/([a-z-]+)/http$': '<rootDir>/libs/$1/src/http/index.ts',
    '^@alveole/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
  },
  testEnvironment: 'node',
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60_000,
  // two test files at a time: each has its own database and Redis prefix, and most of a file's time
  // is spent waiting (browsers, workers, sockets), so two share the 2 CI cores well (25 → 15 min)
  maxWorkers: 2,
  // longest files first on a fresh clone too (see the file)
  testSequencer: '<rootDir>/test/support/duration-sequencer.js',
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,bench}/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
