/** One jest run for the whole workspace: unit tests (*.test.ts) and integration tests (*.int.test.ts). */
const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
}];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/packages', '<rootDir>/bench', '<rootDir>/e2e', '<rootDir>/infra/test'],
  testMatch: ['**/src/**/*.test.ts', '**/test/**/*.test.ts', '<rootDir>/e2e/**/*.test.ts'],
  // apps/web/src holds the web app's vitest suite (run by `npm test` too, see infra/scripts/test.sh).
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/apps/web/src/'],
  transform: { '^.+\\.(t|j|mj)s$': swc },
  // ESM-only dependencies are compiled to CommonJS for jest.
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/)?(hyparquet|hyparquet-compressors|hysnappy|p-limit|yocto-queue|eventsource|eventsource-parser))'],
  moduleNameMapper: {
    '^@studio/([a-z-]+)$': '<rootDir>/packages/$1/src/index.ts',
    '^@studio/([a-z-]+)/([a-z-]+)$': '<rootDir>/packages/$1/src/$2/index.ts',
  },
  globalSetup: '<rootDir>/infra/test/global-setup.js',
  testTimeout: 30000,
  maxWorkers: 2,
};
