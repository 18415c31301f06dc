/**
 * Administration: who may do what (anonymous, a user, an administrator, for every admin route), the session cookie a
 * browser uses for /admin/queues, the dashboard's view of the run queue, and the workers list from heartbeats.
 */
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { setUserAdmin } from '@studio/db';
import { WorkerHeartbeats } from '@studio/runtime';
import { createTestApp, testEnv, type TestApp } from '../../test/test-app';
import { registerUser, type TestUser } from '../../test/test-user.helper';

let t: TestApp;
let admin: TestUser;
let user: TestUser;
let adminEmail: string;

beforeAll(async () => {
  t = await createTestApp(testEnv({ TRUST_PROXY: '1' }));
  // The first account of the fresh database is its administrator.
  admin = await registerUser(t.app, 'admin');
  user = await registerUser(t.app, 'user');
  adminEmail = (await request(t.app).get('/api/auth/me').set('Authorization', `Bearer ${admin.token}`)).body.email;
});
afterAll(async () => {
  await t.close();
});

const bearer = (u: TestUser) => ({ Authorization: `Bearer ${u.token}` });

/** The Set-Cookie header of an admin session, split into value and attributes. */
async function adminCookie(headers: Record<string, string> = {}): Promise<{ cookie: string; attributes: string[]; body: Record<string, string> }> {
  const res = await request(t.app).post('/api/admin/session').set({ ...bearer(admin), ...headers });
  expect(res.status).toBe(200);
  const [setCookie] = res.headers['set-cookie'] as unknown as string[];
  const [cookie, ...attributes] = setCookie.split(';').map((s) => s.trim());
  return { cookie, attributes, body: res.body };
}

describe('the admin matrix: anonymous 401, user 403, administrator allowed, on every admin route', () => {
  test('GET /api/auth/me says who is an administrator', async () => {
    expect((await request(t.app).get('/api/auth/me').set(bearer(admin))).body.is_admin).toBe(true);
    expect((await request(t.app).get('/api/auth/me').set(bearer(user))).body.is_admin).toBe(false);
  });

  test.each([
    ['post', '/api/admin/session'],
    ['get', '/api/admin/workers'],
  ] as const)('%s %s', async (method, path) => {
    const anonymous = await request(t.app)[method](path);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('AUTH_REQUIRED');
    const forbidden = await request(t.app)[method](path).set(bearer(user));
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toEqual({ code: 'AUTHZ_FORBIDDEN', detail: expect.stringContaining('Administrators only') });
    expect(forbidden.headers['set-cookie']).toBeUndefined();
    expect((await request(t.app)[method](path).set(bearer(admin))).status).toBe(200);
  });

  test('DELETE /api/admin/session needs nobody: it only clears the cookie', async () => {
    for (const headers of [{}, bearer(user), bearer(admin)]) {
      const res = await request(t.app).delete('/api/admin/session').set(headers);
      expect(res.status).toBe(204);
      expect(String(res.headers['set-cookie'])).toMatch(/^openbench_admin=; Path=\/admin; Expires=Thu, 01 Jan 1970/);
    }
  });

  test.each(['/admin/queues', '/admin/queues/api/queues'])('GET %s: no session 401, a session 200; a bearer token is no session', async (path) => {
    const anonymous = await request(t.app).get(path).set('Accept', 'application/json');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('AUTH_REQUIRED');
    // The dashboard is for browsers: a bearer token, even an administrator's, opens nothing there.
    expect((await request(t.app).get(path).set(bearer(admin)).set('Accept', 'application/json')).status).toBe(401);
    const { cookie } = await adminCookie();
    const res = await request(t.app).get(path).set('Cookie', cookie);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  test('a session whose user is no longer an administrator is 403 at the next request; granted again, 200', async () => {
    const { cookie } = await adminCookie();
    await setUserAdmin(t.deps.db, adminEmail, false);
    try {
      const res = await request(t.app).get('/admin/queues/api/queues').set('Cookie', cookie);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('AUTHZ_FORBIDDEN');
      expect((await request(t.app).post('/api/admin/session').set(bearer(admin))).status).toBe(403);
    } finally {
      await setUserAdmin(t.deps.db, adminEmail, true);
    }
    expect((await request(t.app).get('/admin/queues/api/queues').set('Cookie', cookie)).status).toBe(200);
  });
});

describe('the admin session cookie', () => {
  test('is HttpOnly, SameSite=Strict, scoped to /admin, short-lived, and not Secure over plain http', async () => {
    const before = Date.now();
    const { cookie, attributes, body } = await adminCookie();
    expect(cookie).toMatch(/^openbench_admin=[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(attributes).toEqual(expect.arrayContaining(['Path=/admin', 'HttpOnly', 'SameSite=Strict', 'Max-Age=3600']));
    expect(attributes).not.toContain('Secure');
    expect(body.path).toBe('/admin');
    expect(Date.parse(body.expires_at) - before).toBeGreaterThanOrEqual(3600_000 - 1000);
    expect(Date.parse(body.expires_at) - before).toBeLessThanOrEqual(3600_000 + 5000);
  });

  test('is Secure when the request came over https through a trusted proxy', async () => {
    const { attributes } = await adminCookie({ 'X-Forwarded-Proto': 'https' });
    expect(attributes).toContain('Secure');
  });

  test('cannot be used as an API token, and an API token cannot be used as a session', async () => {
    const { cookie } = await adminCookie();
    const value = cookie.split('=')[1];
    expect((await request(t.app).get('/api/auth/me').set('Authorization', `Bearer ${value}`)).status).toBe(401);
    const res = await request(t.app).get('/admin/queues/api/queues').set('Cookie', `openbench_admin=${admin.token}`).set('Accept', 'application/json');
    expect(res.status).toBe(401);
  });

  test('a tampered or foreign-signed session is refused', async () => {
    const { cookie } = await adminCookie();
    const [head, payload] = cookie.split('=')[1].split('.');
    const forged = jwt.sign({ aud: 'openbench-admin-session' }, t.config.jwtSecret, { subject: admin.userId, expiresIn: 600 });
    for (const value of [`${head}.${payload}.AAAA`, forged]) {
      expect((await request(t.app).get('/admin/queues').set('Cookie', `openbench_admin=${value}`).set('Accept', 'application/json')).status).toBe(401);
    }
  });

  test('a cross-site request that changes something is refused even with the cookie', async () => {
    const { cookie } = await adminCookie();
    const path = '/admin/queues/api/queues/runs/pause';
    const crossSite = await request(t.app).put(path).set('Cookie', cookie).set('Sec-Fetch-Site', 'cross-site');
    expect(crossSite.status).toBe(403);
    const otherOrigin = await request(t.app).put(path).set('Cookie', cookie).set('Origin', 'https://evil.example').set('Host', 'studio.example');
    expect(otherOrigin.status).toBe(403);
  });

  test('a browser without a session gets the sign-in page with status 401; /admin/login serves it too', async () => {
    const res = await request(t.app).get('/admin/queues').set('Accept', 'text/html');
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('/api/admin/session');
    expect(res.text).toContain('const next = "/admin/queues"');
    const login = await request(t.app).get('/admin/login?next=https://evil.example/');
    expect(login.status).toBe(200);
    // Only our own admin pages are a place to return to.
    expect(login.text).toContain('const next = "/admin/queues"');
    expect(login.text).not.toContain('evil.example');
  });
});

describe('the queue dashboard', () => {
  test('lists the run queue read-only, with jobs named and described by benchmark and model, never secrets', async () => {
    await request(t.app).post('/api/api-keys').set(bearer(user)).send({ provider: 'openai', key: 'sk-secret-0123456789abcdef' });
    const created = await request(t.app).post('/api/runs').set(bearer(user)).send({ benchmark: 'mmlu', model: 'openai/gpt-4o', limit: 3 });
    expect(created.status).toBe(200);
    const { cookie } = await adminCookie();
    const res = await request(t.app).get('/admin/queues/api/queues?activeQueue=runs&status=waiting&page=1').set('Cookie', cookie);
    expect(res.status).toBe(200);
    const queue = (res.body.queues as { name: string; readOnlyMode: boolean; jobs: { id: string; name: string; data: unknown }[] }[]).find((q) => q.name === 'runs')!;
    expect(queue.readOnlyMode).toBe(true);
    const job = queue.jobs.find((j) => j.id === created.body.run_id)!;
    expect(job.name).toBe('mmlu · openai/gpt-4o');
    expect(job.data).toEqual({ run_id: created.body.run_id, benchmark: 'mmlu', model: 'openai/gpt-4o', user_id: user.userId });
    expect(JSON.stringify(res.body)).not.toContain('sk-secret');
    const page = await request(t.app).get('/admin/queues').set('Cookie', cookie);
    expect(page.text).toContain('OpenBench queues');
  });
});

describe('GET /api/admin/workers', () => {
  test('lists live workers from their heartbeats, with their runs as the database has them, and the queue depth', async () => {
    const created = await request(t.app).post('/api/runs').set(bearer(user)).send({ benchmark: 'mmlu', model: 'openai/gpt-4o', limit: 3 });
    const runId = created.body.run_id as string;
    const heartbeats = new WorkerHeartbeats(t.deps.redis, t.config.redisPrefix);
    const state = { hostname: 'node-1', pid: 42, started_at: '2026-12-06T09:00:00.000Z', concurrency: 2, draining: false };
    await heartbeats.beat({ ...state, worker_id: 'worker-b', runs: [{ run_id: runId, since: '2026-12-06T09:05:00.000Z' }] }, 30_000);
    await heartbeats.beat({ ...state, worker_id: 'worker-a', draining: true, runs: [] }, 30_000);
    await heartbeats.beat({ ...state, worker_id: 'worker-gone', runs: [] }, 1);
    await new Promise((r) => setTimeout(r, 20));

    const res = await request(t.app).get('/api/admin/workers').set(bearer(admin));
    expect(res.status).toBe(200);
    expect(res.body.workers.map((w: { worker_id: string }) => w.worker_id)).toEqual(['worker-a', 'worker-b']);
    expect(res.body.workers[1]).toEqual({
      worker_id: 'worker-b',
      hostname: 'node-1',
      pid: 42,
      started_at: '2026-12-06T09:00:00.000Z',
      last_seen_at: expect.any(String),
      concurrency: 2,
      draining: false,
      runs: [
        {
          run_id: runId,
          since: '2026-12-06T09:05:00.000Z',
          benchmark: 'mmlu',
          model: 'openai/gpt-4o',
          status: 'queued',
          user_id: user.userId,
          progress: { current: 0, total: 0, percentage: 0 },
        },
      ],
    });
    // The draining worker offers no slot.
    expect(res.body.capacity).toEqual({ slots: 2, busy: 1 });
    expect(res.body.queue.waiting).toBeGreaterThanOrEqual(1);
    expect(res.body.queue.oldest_waiting_age_seconds).toBeGreaterThanOrEqual(0);
    await heartbeats.remove('worker-a');
    await heartbeats.remove('worker-b');
    expect((await request(t.app).get('/api/admin/workers').set(bearer(admin))).body.workers).toEqual([]);
  });

  test('is 503 naming Redis when Redis is unreachable', async () => {
    const down = await createTestApp(testEnv({ REDIS_URL: 'redis://127.0.0.1:1', JWT_SECRET: t.config.jwtSecret }), { database: t.database });
    try {
      const res = await request(down.app).get('/api/admin/workers').set(bearer(admin));
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ code: 'SERVICE_UNAVAILABLE', detail: expect.stringContaining('Redis') });
    } finally {
      await down.close();
    }
  }, 20_000);
});
