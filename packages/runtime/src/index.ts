export * from './config';
export * from './logger';
export * from './request-context';
export * from './redis';
export * from './run-protocol';
export * from './run-queue';
