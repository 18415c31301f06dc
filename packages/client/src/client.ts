/**
 * The client: every operation of the API typed from the OpenAPI document (openapi-fetch over the generated
 * `paths`), plus what generated clients do badly: a run's events as a reconnecting async iterator, waiting for a
 * run to end, and artifacts as bytes.
 */
import createClient, { type Client } from 'openapi-fetch';
import { ok } from './errors';
import { runEvents, type RunEventsOptions, type RunStreamEvent } from './run-events';
import type { components, paths } from './schema.gen';

export type RunDetail = components['schemas']['RunDetail'];

export interface StudioClientOptions {
  /** The API's base URL, `/api` included: `http://localhost:8000/api`. */
  baseUrl: string;
  /** A JWT (from login/register) or an access token; sent as `Authorization: Bearer`. */
  token?: string;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
}

export interface WaitForRunOptions {
  signal?: AbortSignal;
  /** Called with every event while waiting (progress, log lines, …). */
  onEvent?: (event: RunStreamEvent) => void;
  backoffMs?: RunEventsOptions['backoffMs'];
}

export interface StudioClient {
  /** Every operation: `api.GET('/runs/{run_id}', { params: { path: { run_id } } })`, typed from the document. */
  readonly api: Client<paths>;
  /** The run's events until its final one, resuming with `Last-Event-ID` after a dropped connection. */
  runEvents(runId: string, options?: RunEventsOptions): AsyncGenerator<RunStreamEvent, void>;
  /** Follows the run's events until it ends, then returns its detail (status `completed`, `failed` or `canceled`). */
  waitForRun(runId: string, options?: WaitForRunOptions): Promise<RunDetail>;
  /** An artifact's exact bytes (`logs/<...>.eval` is a zip). */
  downloadArtifact(runId: string, path: string, options?: { signal?: AbortSignal }): Promise<Uint8Array>;
}

export function createStudioClient(options: StudioClientOptions): StudioClient {
  const api = createClient<paths>({ baseUrl: options.baseUrl.replace(/\/+$/, ''), fetch: options.fetch });
  if (options.token) {
    const authorization = `Bearer ${options.token}`;
    api.use({
      onRequest({ request }) {
        request.headers.set('Authorization', authorization);
        return request;
      },
    });
  }

  const getRun = (runId: string, signal?: AbortSignal) => ok(api.GET('/runs/{run_id}', { params: { path: { run_id: runId } }, signal }));

  return {
    api,
    runEvents: (runId, eventOptions) => runEvents(api, runId, eventOptions),
    async waitForRun(runId, waitOptions = {}) {
      for await (const event of runEvents(api, runId, { signal: waitOptions.signal, backoffMs: waitOptions.backoffMs })) {
        waitOptions.onEvent?.(event);
      }
      // The final event is published after the outcome is stored, so the detail now shows it.
      return getRun(runId, waitOptions.signal);
    },
    async downloadArtifact(runId, path, downloadOptions = {}) {
      const bytes = await ok(
        api.GET('/runs/{run_id}/artifacts/{path}', {
          params: { path: { run_id: runId, path } },
          parseAs: 'arrayBuffer',
          signal: downloadOptions.signal,
        }),
      );
      return new Uint8Array(bytes);
    },
  };
}
