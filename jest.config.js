/**
 * Unit specs live beside the code; e2e specs boot the whole app on the embedded engine.
 *
 * swc transpiles file by file, as ts-jest with `isolatedModules` did, and keeps what Nest's DI and
 * class-validator read: legacy decorators with their `design:*` metadata (tsconfig's experimentalDecorators
 * and emitDecoratorMetadata). With no transform cache, as on a fresh clone, it takes about 30 % less time
 * than ts-jest did: the unit specs in 11.5 s against 15.9 s, six e2e files in 29.5 s against 38.1 s
 * (means of back-to-back runs, 2026-12-08, 2 cores shared with other work).
 */
const swc = [
  '@swc/jest',
  {
    swcrc: false,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testTimeout: 120000,
  // A worker per core, not Jest's default of one fewer: an e2e file spends much of its time waiting on its
  // engine (a separate process) and on expiry windows (3.8 min with one file at a time, 2026-12-01). On 2
  // cores, with no transform cache, `npm test` took 2.6 min (2026-12-08; 4.1 min before swc and the engine's
  // prompt shutdown), and 3.3 min while other test runs shared the cores.
  maxWorkers: '100%',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/client/**/*.spec.ts'],
      transform: { '^.+\\.ts$': swc },
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      // DTOs go through the Swagger plugin as in `nest build`: the app under test serves the built app's document.
      transform: { '\\.dto\\.ts$': '<rootDir>/test/support/openapi-plugin.transformer.js', '^.+\\.ts$': swc },
      globalSetup: '<rootDir>/test/support/global-setup.ts',
    },
  ],
};
