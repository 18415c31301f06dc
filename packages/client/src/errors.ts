/** An answer of the API that is not a success, with the `{detail, code}` body every error of the API carries. */
export class StudioApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
  ) {
    super(`${status} ${code}: ${detail}`);
    this.name = 'StudioApiError';
  }

  /** From a failed response and its parsed body (an ErrorBody, or whatever a proxy in front answered). */
  static from(response: Response, body: unknown): StudioApiError {
    const error = body as { code?: unknown; detail?: unknown } | undefined;
    const code = typeof error?.code === 'string' ? error.code : `HTTP_${response.status}`;
    const detail = typeof error?.detail === 'string' ? error.detail : response.statusText || 'Request failed';
    return new StudioApiError(response.status, code, detail);
  }
}

/** Awaits an openapi-fetch call and returns its data, or throws a StudioApiError. */
export async function ok<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await request;
  if (!response.ok) throw StudioApiError.from(response, error);
  return data as T;
}
