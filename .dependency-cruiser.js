/**
 * The code-structure rules of docs/architecture.md ("Rules", R4 to R9), checked in CI by
 * `npm run lint:deps`. R10 and R11 concern decorators and import specifiers, which this tool does not
 * see: eslint.config.mjs checks those.
 */
module.exports = {
  forbidden: [
    {
      name: 'R4-domain-is-pure',
      comment:
        'A domain/ folder imports domain code and the pure helpers of common/ only: no Nest, no mongoose, no Node API, no other layer.',
      severity: 'error',
      from: { path: '^src/[^/]+/domain/' },
      to: {
        pathNot: [
          '^src/[^/]+/domain/',
          '^src/common/errors/domain-error\\.ts$',
          '^src/common/state-machine\\.ts$',
          '^src/common/ids\\.ts$',
        ],
      },
    },
    {
      name: 'R5-modules-meet-through-services-and-ports',
      comment:
        'A module reaches another through its exported services and ports, never its repository port, schemas, infrastructure/ or provider/.',
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: {
        path: '^src/[^/]+/(infrastructure/|provider/|[^/]+\\.repository\\.ts$|[^/]+\\.schema\\.ts$)',
        pathNot: '^src/$1/',
      },
    },
    {
      name: 'R6-driver-stays-in-adapters',
      comment:
        'mongoose and the MongoDB driver are used by adapters only: infrastructure/ folders, database/, the payment provider and module wiring.',
      severity: 'error',
      from: {
        path: '^src/',
        pathNot: ['^src/[^/]+/infrastructure/', '^src/database/', '^src/payments/provider/', '\\.module\\.ts$'],
      },
      to: { path: '^node_modules/(mongoose|mongodb|@nestjs/mongoose)/' },
    },
    {
      name: 'R7-no-cycles',
      comment: 'Dependencies point one way: no file reaches itself again through its imports.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'R8-src-stands-alone',
      comment: 'The application never imports tests, scripts or benchmarks.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|scripts|bench)/' },
    },
    {
      name: 'R9-dev-engine-on-demand',
      comment:
        'The production image has no src/dev-engine: the database module loads it on demand (database/development-engine.ts), nothing imports it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/dev-engine/' },
      to: { path: '^src/dev-engine/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Unit specs sit beside the code they test and may use test helpers; the rules are about the application.
    exclude: { path: '\\.spec\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
