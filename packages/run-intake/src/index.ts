/**
 * What a run request becomes, in one place for every producer of runs: `POST /api/runs` and suites (gateway), and a
 * schedule's tick (worker).
 */
export * from './run-request';
export * from './run-benchmark.resolver';
export * from './run-config.validator';
export * from './run-row.builder';
