export * from './datasets';
export * from './errors';
export * from './providers';
export * from './queue';
export * from './run-events';
export * from './runs';
export * from './run-summary';
export * from './worker-heartbeat';
