// Browser tests (Playwright with Debian's Chromium) against the real server: `npm run e2e`.
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  // Stops at once, with one line, when Chromium or the Japanese font is missing.
  globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
};
