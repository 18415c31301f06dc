import { createHash } from 'node:crypto';
import request from 'supertest';
import { createTestApp, type TestApp } from '../../test/test-app';
import { createAccessToken, registerUser, type TestUser } from '../../test/test-user.helper';

let t: TestApp;
let admin: TestUser;
let user: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  admin = await registerUser(t.app, 'pat-admin');
  user = await registerUser(t.app, 'pat-user');
});
afterAll(async () => {
  await t.close();
});

const me = (bearer: string) => request(t.app).get('/api/auth/me').set('Authorization', `Bearer ${bearer}`);

test('the secret is shown once, recognisable, and stored only as its SHA-256', async () => {
  const res = await request(t.app)
    .post('/api/tokens')
    .set('Authorization', `Bearer ${user.token}`)
    .send({ name: '  nightly CI ', scopes: ['run', 'read', 'run'], expires_in_days: 30 });
  expect(res.status).toBe(200);
  expect(res.body.token).toMatch(/^obs_pat_[A-Za-z0-9_-]{43}$/);
  expect(res.body).toMatchObject({ name: 'nightly CI', scopes: ['read', 'run'], prefix: res.body.token.slice(0, 14), last_used_at: null });
  const days = (Date.parse(res.body.expires_at) - Date.parse(res.body.created_at)) / 86_400_000;
  expect(days).toBeCloseTo(30, 2);

  const row = await t.deps.db.selectFrom('personal_access_tokens').selectAll().where('token_id', '=', res.body.token_id).executeTakeFirstOrThrow();
  expect(row.token_hash).toBe(createHash('sha256').update(res.body.token).digest('hex'));
  expect(JSON.stringify(row)).not.toContain(res.body.token);

  const list = await request(t.app).get('/api/tokens').set('Authorization', `Bearer ${user.token}`);
  expect(JSON.stringify(list.body)).not.toContain(res.body.token);
  const { token: _secret, ...listed } = res.body;
  expect(list.body).toContainEqual(listed);
});

test('a token authenticates as its user and records its last use', async () => {
  const { token, tokenId } = await createAccessToken(t.app, user, ['read']);
  const res = await me(token);
  expect(res.status).toBe(200);
  expect(res.body.user_id).toBe(user.userId);
  const list = await request(t.app).get('/api/tokens').set('Authorization', `Bearer ${user.token}`);
  const used = list.body.find((tok: { token_id: string }) => tok.token_id === tokenId);
  expect(Date.parse(used.last_used_at)).toBeGreaterThan(Date.now() - 60_000);
});

test('a revoked token is refused with 401 from the next request on; revoking twice is 404', async () => {
  const { token, tokenId } = await createAccessToken(t.app, user, ['read']);
  expect((await me(token)).status).toBe(200);
  await request(t.app).delete(`/api/tokens/${tokenId}`).set('Authorization', `Bearer ${user.token}`).expect(200, { status: 'deleted' });
  const res = await me(token);
  expect(res.status).toBe(401);
  expect(res.body).toEqual({ code: 'AUTH_REQUIRED', detail: 'Invalid, revoked or expired access token' });
  expect((await request(t.app).delete(`/api/tokens/${tokenId}`).set('Authorization', `Bearer ${user.token}`)).status).toBe(404);
  expect((await request(t.app).delete('/api/tokens/not-a-uuid').set('Authorization', `Bearer ${user.token}`)).status).toBe(404);
});

test('an expired token is refused with 401 and still listed with its expiry', async () => {
  const { token, tokenId } = await createAccessToken(t.app, user, ['read'], { expires_in_days: 1 });
  expect((await me(token)).status).toBe(200);
  await t.deps.db.updateTable('personal_access_tokens').set({ expires_at: new Date(Date.now() - 1000) }).where('token_id', '=', tokenId).execute();
  expect((await me(token)).status).toBe(401);
  const list = await request(t.app).get('/api/tokens').set('Authorization', `Bearer ${user.token}`);
  expect(Date.parse(list.body.find((tok: { token_id: string }) => tok.token_id === tokenId).expires_at)).toBeLessThan(Date.now());
});

test('an unknown secret with the prefix is 401, and a disabled user’s token is 401 once AUTH_USER_CACHE_MS has passed', async () => {
  expect((await me('obs_pat_not-a-real-token')).status).toBe(401);
  const someone = await registerUser(t.app, 'pat-disabled');
  const { token } = await createAccessToken(t.app, someone, ['read']);
  await t.deps.db.updateTable('users').set({ is_active: false }).where('user_id', '=', someone.userId).execute();
  // The user row read for createAccessToken's request may be used for up to AUTH_USER_CACHE_MS (auth-user.cache.ts).
  await new Promise((r) => setTimeout(r, t.config.authUserCacheMs));
  expect((await me(token)).status).toBe(401);
});

test('a read token cannot start runs or see keys: 403 TOKEN_SCOPE_INSUFFICIENT naming the scope', async () => {
  const { token } = await createAccessToken(t.app, user, ['read']);
  const run = await request(t.app).post('/api/runs').set('Authorization', `Bearer ${token}`).send({ benchmark: 'mmlu', model: 'mockllm/default' });
  expect(run.status).toBe(403);
  expect(run.body).toEqual({ code: 'TOKEN_SCOPE_INSUFFICIENT', detail: "This access token lacks the scope 'run'" });
  const keys = await request(t.app).get('/api/api-keys').set('Authorization', `Bearer ${token}`);
  expect(keys.body).toEqual({ code: 'TOKEN_SCOPE_INSUFFICIENT', detail: "This access token lacks the scope 'admin-keys'" });
});

test('an administrator’s token with every scope grants no administration and cannot manage tokens', async () => {
  const { token } = await createAccessToken(t.app, admin, ['read', 'run', 'admin-keys']);
  for (const req of [
    request(t.app).post('/api/admin/session'),
    request(t.app).get('/api/admin/workers'),
    request(t.app).post('/api/tokens').send({ name: 'child', scopes: ['read'] }),
    request(t.app).get('/api/tokens'),
  ]) {
    const res = await req.set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ code: 'TOKEN_SCOPE_INSUFFICIENT', detail: 'Access tokens cannot do this; sign in to the Studio instead' });
  }
  // The administrator's session (a JWT) may.
  expect((await request(t.app).get('/api/admin/workers').set('Authorization', `Bearer ${admin.token}`)).status).toBe(200);
});

test.each([
  [{ name: 'x', scopes: [] }, 'scopes'],
  [{ name: 'x', scopes: ['write'] }, 'scopes'],
  [{ name: '   ', scopes: ['read'] }, 'name'],
  [{ scopes: ['read'] }, 'name'],
  [{ name: 'x', scopes: ['read'], expires_in_days: 0 }, 'expires_in_days'],
  [{ name: 'x', scopes: ['read'], expires_in_days: 3651 }, 'expires_in_days'],
  [{ name: 'x', scopes: ['read'], expires_in_days: 1.5 }, 'expires_in_days'],
])('invalid body %j is 422 naming %s', async (body, field) => {
  const res = await request(t.app).post('/api/tokens').set('Authorization', `Bearer ${user.token}`).send(body);
  expect(res.status).toBe(422);
  expect(res.body.code).toBe('VALIDATION_ERROR');
  expect(JSON.stringify(res.body.fields)).toContain(field);
});
