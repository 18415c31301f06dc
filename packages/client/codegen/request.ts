/**
 * A replacement for openapi-typescript-codegen's `core/request.ts` (fetch client), passed with `--request`:
 * the stock one (0.31) reads every response that is not JSON as text, whatever the document declares, which
 * corrupts binary artifacts (a `.eval` zip). This one reads the binary media types the document declares
 * (`application/zip`, `application/octet-stream`) as a Blob. Everything else follows the stock client: path and
 * query parameters, `OpenAPI.TOKEN` as a bearer token, JSON bodies, ApiError for a failed answer, cancellation.
 */
import { ApiError } from './ApiError';
import type { ApiRequestOptions } from './ApiRequestOptions';
import type { ApiResult } from './ApiResult';
import { CancelablePromise } from './CancelablePromise';
import type { OpenAPIConfig } from './OpenAPI';

const BINARY_TYPES = ['application/zip', 'application/octet-stream'];

type Resolver<T> = (options: ApiRequestOptions) => Promise<T>;
const resolve = async <T>(options: ApiRequestOptions, value: T | Resolver<T> | undefined): Promise<T | undefined> =>
  typeof value === 'function' ? (value as Resolver<T>)(options) : value;

function url(config: OpenAPIConfig, options: ApiRequestOptions): string {
  const encode = config.ENCODE_PATH ?? encodeURIComponent;
  const path = options.url.replace(/{(.*?)}/g, (_, name: string) => encode(String(options.path?.[name])));
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(options.query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) if (item !== undefined && item !== null) query.append(key, String(item));
  }
  return `${config.BASE}${path}${query.size ? `?${query}` : ''}`;
}

async function body(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const type = (response.headers.get('Content-Type') ?? '').toLowerCase();
  if (type.startsWith('application/json')) return response.json();
  if (BINARY_TYPES.some((binary) => type.startsWith(binary))) return response.blob();
  return response.text();
}

export const request = <T>(config: OpenAPIConfig, options: ApiRequestOptions): CancelablePromise<T> =>
  new CancelablePromise<T>(async (resolvePromise, reject, onCancel) => {
    try {
      const headers: Record<string, string> = { Accept: 'application/json, */*', ...(await resolve(options, config.HEADERS)), ...options.headers };
      const token = await resolve(options, config.TOKEN);
      if (token) headers.Authorization = `Bearer ${token}`;
      if (options.body !== undefined) headers['Content-Type'] = options.mediaType ?? 'application/json';
      const controller = new AbortController();
      onCancel(() => controller.abort());
      const target = url(config, options);
      const response = await fetch(target, {
        method: options.method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        credentials: config.WITH_CREDENTIALS ? config.CREDENTIALS : undefined,
        signal: controller.signal,
      });
      const result: ApiResult = { url: target, ok: response.ok, status: response.status, statusText: response.statusText, body: await body(response) };
      if (!result.ok) throw new ApiError(options, result, options.errors?.[result.status] ?? result.statusText);
      resolvePromise(result.body as T);
    } catch (error) {
      reject(error);
    }
  });
