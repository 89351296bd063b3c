/** Type checking runs once in `npm run typecheck`; ts-jest only transpiles, which keeps the suite fast. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test', '<rootDir>/sandbox'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
    // marklassian ships only an ES module and Jest's sandbox runs CommonJS: compile it like the sources.
    // hyparquet-writer (the analytics export's Parquet writer) and its reader hyparquet are ES modules only too.
    '/node_modules/(marklassian|hyparquet|hyparquet-writer)/.+\\.js$': [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022' }, diagnostics: false },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(marklassian|hyparquet|hyparquet-writer)/)'],
  // marked's package maps CommonJS to its ES module; its UMD build is the same code in a form Jest loads.
  moduleNameMapper: { '^marked$': '<rootDir>/node_modules/marked/lib/marked.umd.js' },
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
