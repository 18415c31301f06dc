import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const b64 = (o: unknown) => btoa(JSON.stringify(o)).replace(/=+$/, '');
const token = `${b64({ alg: 'HS256' })}.${b64({ sub: 'u', exp: Math.floor(Date.now() / 1000) + 3600 })}.sig`;
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

beforeEach(() => {
  vi.resetModules();
  localStorage.clear();
  sessionStorage.clear();
});
afterEach(() => vi.unstubAllGlobals());

/** The client and session modules, loaded after `fetch` is replaced (openapi-fetch keeps the fetch it found). */
async function load(fetcher: (req: Request) => Promise<Response>) {
  const seen: Request[] = [];
  vi.stubGlobal('fetch', async (req: Request) => {
    seen.push(req);
    return fetcher(req);
  });
  const session = await import('../auth/session');
  const client = await import('./client');
  return { ...session, ...client, seen };
}

describe('API client', () => {
  it('sends the session token to relative /api URLs and returns the data', async () => {
    const c = await load(async () => json(200, { user_id: 'u', email: 'a@b.c', created_at: 'x', is_active: true }));
    c.signIn(token);
    await expect(c.call(c.api.GET('/auth/me'))).resolves.toMatchObject({ email: 'a@b.c' });
    expect(new URL(c.seen[0].url).pathname).toBe('/api/auth/me');
    expect(c.seen[0].headers.get('Authorization')).toBe(`Bearer ${token}`);
  });

  it('signs out with a message when the server refuses the token', async () => {
    const c = await load(async () => json(401, { detail: 'Not authenticated', code: 'AUTH_REQUIRED' }));
    c.signIn(token);
    await expect(c.call(c.api.GET('/auth/me'))).rejects.toMatchObject({ status: 401, code: 'AUTH_REQUIRED' });
    expect(c.currentSession()).toBeNull();
    expect(c.takeEndReason()).toBe(c.SESSION_EXPIRED);
  });

  it('a wrong password (no token sent) is an error, not a sign-out', async () => {
    const c = await load(async () => json(401, { detail: 'Incorrect email or password', code: 'AUTH_INVALID_CREDENTIALS' }));
    await expect(c.call(c.api.POST('/auth/login', { body: { email: 'a@b.c', password: 'x' } }))).rejects.toMatchObject({ message: 'Incorrect email or password' });
    expect(c.takeEndReason()).toBeNull();
  });

  it('turns a failed connection into a readable error', async () => {
    const c = await load(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(c.call(c.api.GET('/version'))).rejects.toMatchObject({ code: 'NETWORK_ERROR', message: expect.stringMatching(/Cannot reach the Studio API/) });
  });

  it('builds artifact URLs segment by segment', async () => {
    const c = await load(async () => json(200, {}));
    expect(c.artifactUrl('r 1', 'logs/a b.eval')).toBe('/api/runs/r%201/artifacts/logs/a%20b.eval');
  });
});
