/**
 * Browser tests: the built panel in Debian's Chromium, driven by playwright-core, against the
 * local demo (simulator + local Forge runtime) started in-process. One worker: one browser. Each
 * file starts its own demo and Chromium, so files may run side by side: `npm test` gives it a
 * worker per core (scripts/test.sh).
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/browser'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  globalSetup: '<rootDir>/test/browser/global-setup.ts',
  maxWorkers: 1,
  testTimeout: 120000,
};
