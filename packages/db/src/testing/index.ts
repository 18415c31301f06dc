export * from './test-database';
export * from './run-rows';
