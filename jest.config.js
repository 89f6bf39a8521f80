/** Unit specs live beside the code; e2e specs boot the whole app on the embedded engine. */
// swc only transpiles, as ts-jest with `isolatedModules` did, and keeps what Nest's DI and class-validator read:
// legacy decorators with their `design:*` metadata (tsconfig's experimentalDecorators/emitDecoratorMetadata).
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
  // A worker per core, not Jest's default of one fewer: an e2e file spends most of its time waiting on its
  // engine (a separate process) and on expiry windows: on 2 cores `npm test` takes 2.1 min this way, 3.8
  // with one file at a time (2026-12-01).
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
