/**
 * Google's Perspective API (`commentanalyzer` v1alpha1) as openbench calls it through `googleapiclient.discovery`:
 * `POST {root}/v1alpha1/comments:analyze?key=<developer key>&alt=json` with the request body as JSON. The host
 * (worker, CLI) builds the client with the run owner's key; the engine never reads keys itself.
 */
import { SCORING_SERVICES } from '@studio/contracts';
import { createRedactor } from '@studio/providers';
import { fetchErrorText } from './fetch-error';
import type { ScoringServiceClientOptions } from './scoring-service.options';

export const PERSPECTIVE_DEFAULT_URL = SCORING_SERVICES.perspective.default_url;

/** The request body openbench's scorer sends (`analyze_request`). */
export interface PerspectiveAnalyzeRequest {
  comment: { text: string };
  requestedAttributes: Record<string, Record<string, never>>;
  languages: string[];
}

/** An HTTP error reply (googleapiclient's `HttpError`): the status, and Google's `error.message` when it sent one. */
export class PerspectiveHttpError extends Error {
  override name = 'PerspectiveHttpError';
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(`HTTP ${status}${detail ? `: ${detail}` : ''}`);
  }
}

export interface PerspectiveClient {
  /** The decoded JSON reply; a non-2xx reply throws PerspectiveHttpError, a network failure its own error. */
  analyze(request: PerspectiveAnalyzeRequest, signal?: AbortSignal): Promise<unknown>;
}

export type PerspectiveClientOptions = ScoringServiceClientOptions;

const DEFAULT_TIMEOUT_MS = 60_000;

export function createPerspectiveClient(options: PerspectiveClientOptions): PerspectiveClient {
  const { apiKey, baseUrl = PERSPECTIVE_DEFAULT_URL, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  const url = `${baseUrl.replace(/\/+$/, '')}/v1alpha1/comments:analyze?${new URLSearchParams({ key: apiKey, alt: 'json' })}`;
  // The key travels in the URL, as googleapiclient sends it: no message built here may carry it.
  const redact = createRedactor([apiKey]);
  return {
    async analyze(request, signal) {
      const timeout = AbortSignal.timeout(timeoutMs);
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(request),
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
      } catch (err) {
        if (signal?.aborted) throw err;
        const cause = timeout.aborted ? `no reply within ${timeoutMs / 1000} s` : fetchErrorText(err);
        throw new Error(redact(`Perspective API request failed: ${cause}`));
      }
      const text = await response.text();
      if (!response.ok) throw new PerspectiveHttpError(response.status, redact(googleErrorMessage(text)));
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new Error(`Perspective API replied HTTP ${response.status} with a body that is not JSON`);
      }
    },
  };
}

/** Google's error replies are `{"error": {"code", "message", "status"}}`. */
function googleErrorMessage(body: string): string {
  try {
    const message = (JSON.parse(body) as { error?: { message?: unknown } }).error?.message;
    return typeof message === 'string' ? message : '';
  } catch {
    return '';
  }
}
