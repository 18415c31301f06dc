/**
 * The typed API client (openapi-fetch over the generated paths). Requests carry the session's token; a 401 on
 * a request that carried one means the session ended on the server (expired, or the secret changed), so the
 * person is signed out with a message and sent back to sign in.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import { currentSession, SESSION_EXPIRED, signOut } from '../auth/session';
import { ApiError, toApiError } from './errors';
import type { paths } from './schema.gen';

const auth: Middleware = {
  onRequest({ request }) {
    const session = currentSession();
    if (session) request.headers.set('Authorization', `Bearer ${session.token}`);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && request.headers.has('Authorization')) signOut(SESSION_EXPIRED);
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '/api' });
api.use(auth);

/** Awaits an openapi-fetch call and returns its data, or throws an ApiError with the server's message. */
export async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new ApiError(0, 'NETWORK_ERROR', 'Cannot reach the Studio API. Check your connection and that the gateway is running.');
  }
  if (!result.response.ok) throw toApiError(result.response.status, result.error);
  return result.data as T;
}

/** The URL of a run's artifact (no token needed: the run id is the capability). */
export const artifactUrl = (runId: string, path: string) =>
  `/api/runs/${encodeURIComponent(runId)}/artifacts/${path.split('/').map(encodeURIComponent).join('/')}`;
