export { createStudioClient, type RunDetail, type StudioClient, type StudioClientOptions, type WaitForRunOptions } from './client';
export { ok, StudioApiError } from './errors';
export { defaultBackoff, FINAL_EVENTS, runEvents, type RunEventName, type RunEventsOptions, type RunStreamEvent } from './run-events';
export type { components, operations, paths } from './schema.gen';
