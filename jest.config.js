/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Server tests start a database (PGlite) and servers in their hooks: 5 s is too little on a
  // loaded 2-core machine, where a hook was seen taking 6 s.
  testTimeout: 20_000,
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
  // ESM-only packages that CommonJS dependencies require (light-my-request -> cookie): compiled
  // to CommonJS like our own code, since Node 20's jest cannot require(esm).
  transformIgnorePatterns: ['/node_modules/(?!(cookie|rettime|until-async|@open-draft/deferred-promise)/)'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  transform: {
    '^.+\\.(t|j)sx?$|^.+\\.mjs$': [
      '@swc/jest',
      {
        jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true } },
        module: { type: 'commonjs' },
      },
    ],
  },
};
