import jwt from 'jsonwebtoken';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import request from 'supertest';
import { createDb } from '@studio/db';
import { createTestApp, testEnv, type TestApp } from '../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function register(email: string, password = 'securepassword') {
  return request(t.app).post('/api/auth/register').send({ email, password });
}

describe('register and login', () => {
  test('register returns a bearer token that works on /auth/me', async () => {
    const res = await register('user@example.com');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ access_token: expect.any(String), token_type: 'bearer' });
    const me = await request(t.app).get('/api/auth/me').set('Authorization', `Bearer ${res.body.access_token}`);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      user_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      email: 'user@example.com',
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/),
      is_active: true,
      // The first account of an empty database administers it.
      is_admin: true,
    });
    const next = await register('second@example.com');
    const nextMe = await request(t.app).get('/api/auth/me').set('Authorization', `Bearer ${next.body.access_token}`);
    expect(nextMe.body.is_admin).toBe(false);
  });

  test('the token is HS256, has sub = user id and expires in 7 days', async () => {
    const res = await register('claims@example.com');
    const decoded = jwt.decode(res.body.access_token, { complete: true })!;
    expect(decoded.header.alg).toBe('HS256');
    const payload = decoded.payload as jwt.JwtPayload;
    expect(payload.exp! - payload.iat!).toBe(7 * 24 * 3600);
    const me = await request(t.app).get('/api/auth/me').set('Authorization', `Bearer ${res.body.access_token}`);
    expect(payload.sub).toBe(me.body.user_id);
  });

  test('email is trimmed and lower-cased; the same address again is AUTH_EMAIL_EXISTS', async () => {
    expect((await register('  Mixed.Case@Example.COM ')).status).toBe(200);
    const dup = await register('mixed.case@example.com');
    expect(dup.status).toBe(400);
    expect(dup.body).toMatchObject({ code: 'AUTH_EMAIL_EXISTS', detail: expect.any(String) });
    const login = await request(t.app).post('/api/auth/login').send({ email: 'MIXED.case@example.com ', password: 'securepassword' });
    expect(login.status).toBe(200);
  });

  test('wrong password and unknown email are both AUTH_INVALID_CREDENTIALS', async () => {
    await register('login@example.com');
    for (const body of [
      { email: 'login@example.com', password: 'wrong-password' },
      { email: 'nobody@example.com', password: 'securepassword' },
    ]) {
      const res = await request(t.app).post('/api/auth/login').send(body);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ code: 'AUTH_INVALID_CREDENTIALS', detail: 'The email or password you entered is incorrect' });
    }
  });

  test.each([
    [{ email: 'not-an-email', password: 'securepassword' }, 'email'],
    [{ email: 'short@example.com', password: 'short' }, 'password'],
    [{ email: 'x@example.com' }, 'password'],
    [{ email: 42, password: 'securepassword' }, 'email'],
    [{ email: 'extra@example.com', password: 'securepassword', admin: true }, 'admin'],
  ])('invalid body %j is 422 VALIDATION_ERROR naming %s', async (body, field) => {
    const res = await request(t.app).post('/api/auth/register').send(body as object);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('VALIDATION_ERROR');
    expect(res.body.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(JSON.stringify(res.body)).not.toContain('securepassword');
  });

  test('malformed JSON is a 422 with a clear detail, never a 500', async () => {
    const res = await request(t.app).post('/api/auth/login').set('Content-Type', 'application/json').send('{"email": ');
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ code: 'VALIDATION_ERROR', detail: 'Request body is not valid JSON' });
  });

  test('a huge body is 413', async () => {
    const res = await request(t.app)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(2_000_000) }));
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  test('a body of another content type is 415, not a 500 or a validation error', async () => {
    const res = await request(t.app).post('/api/auth/login').set('Content-Type', 'text/plain').send('hello');
    expect(res.status).toBe(415);
    expect(res.body).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'Request bodies must be JSON (Content-Type: application/json)' });
  });

  test('a JSON body in another charset than UTF-8 is 415', async () => {
    const body = Buffer.from(JSON.stringify({ email: 'a@example.com', password: 'securepassword' }), 'utf16le');
    const res = await request(t.app).post('/api/auth/login').set('Content-Type', 'application/json; charset=utf-16').send(body);
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  test('a JSON body with charset utf-8 and a bodiless POST without a content type are accepted', async () => {
    const ok = await request(t.app)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json; charset=UTF-8')
      .send(JSON.stringify({ email: 'nobody@example.com', password: 'securepassword' }));
    expect(ok.status).toBe(401);
    const bodiless = await request(t.app).post('/api/auth/login');
    expect(bodiless.status).toBe(422);
  });
});

describe('JWT verification', () => {
  let userId: string;
  let email: string;
  beforeAll(async () => {
    email = 'jwt@example.com';
    const res = await register(email);
    userId = (jwt.decode(res.body.access_token) as jwt.JwtPayload).sub!;
  });

  const me = (token: string) => request(t.app).get('/api/auth/me').set('Authorization', `Bearer ${token}`);
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

  test('no header is 401 AUTH_REQUIRED with WWW-Authenticate', async () => {
    const res = await request(t.app).get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('AUTH_REQUIRED');
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  test('alg none is rejected', async () => {
    const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: userId, email, exp: Math.floor(Date.now() / 1000) + 3600 })}.`;
    expect((await me(token)).status).toBe(401);
  });

  test('an RS256 token is rejected', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const token = jwt.sign({ email }, privateKey, { algorithm: 'RS256', subject: userId, expiresIn: 3600 });
    expect((await me(token)).status).toBe(401);
  });

  test('an HS256 token signed with another secret is rejected', async () => {
    const token = jwt.sign({ email }, 'some-other-secret-that-is-long-enough!!', { algorithm: 'HS256', subject: userId, expiresIn: 3600 });
    expect((await me(token)).status).toBe(401);
  });

  test('an expired token is rejected', async () => {
    const token = jwt.sign({ email, exp: Math.floor(Date.now() / 1000) - 120 }, t.config.jwtSecret, { algorithm: 'HS256', subject: userId });
    const res = await me(token);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: 'AUTH_REQUIRED', detail: 'Invalid or expired token' });
  });

  const hs256 = (payload: object, header: object = {}) =>
    `${b64({ alg: 'HS256', typ: 'JWT', ...header })}.${b64(payload)}`;
  const signed = (payload: object, header?: object) => {
    const unsigned = hs256(payload, header);
    return `${unsigned}.${createHmac('sha256', t.config.jwtSecret).update(unsigned).digest('base64url')}`;
  };
  const now = () => Math.floor(Date.now() / 1000);

  test('a correctly signed token without exp is rejected (it would be valid forever)', async () => {
    const res = await me(signed({ sub: userId, email, iat: now() }));
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('AUTH_REQUIRED');
    // The same token with an expiry is accepted, so the signature helper is right.
    expect((await me(signed({ sub: userId, email, iat: now(), exp: now() + 60 }))).status).toBe(200);
  });

  test('a token with a crit header is rejected: we understand no critical extension', async () => {
    expect((await me(signed({ sub: userId, email, exp: now() + 60 }, { crit: ['b64'], b64: true }))).status).toBe(401);
  });

  test('a token issued in the future is rejected beyond a small clock skew', async () => {
    expect((await me(signed({ sub: userId, email, iat: now() + 3600, exp: now() + 7200 }))).status).toBe(401);
    // Within the skew: a gateway whose clock is a few seconds behind the signer's.
    expect((await me(signed({ sub: userId, email, iat: now() + 5, exp: now() + 60 }))).status).toBe(200);
  });

  test('an expired token is accepted only within the clock skew', async () => {
    expect((await me(signed({ sub: userId, email, exp: now() - 5 }))).status).toBe(200);
    expect((await me(signed({ sub: userId, email, exp: now() - 120 }))).status).toBe(401);
  });

  test('a validly signed token for a user that does not exist is rejected', async () => {
    for (const sub of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const token = jwt.sign({ email }, t.config.jwtSecret, { algorithm: 'HS256', subject: sub, expiresIn: 3600 });
      expect((await me(token)).status).toBe(401);
    }
  });

  test('a garbage bearer value is rejected', async () => {
    expect((await me('garbage')).status).toBe(401);
  });
});

describe('rate limiting shared across gateway processes', () => {
  test('failed logins for one email are counted across two apps sharing Redis', async () => {
    const env = testEnv({ RATE_LIMIT_LOGIN_PER_EMAIL: '3', RATE_LIMIT_LOGIN_PER_IP: '1000' });
    const a = await createTestApp(env);
    const b = await createTestApp(env, { database: a.database });
    try {
      const body = { email: 'victim@example.com', password: 'wrong-password' };
      const statuses = [];
      for (const app of [a.app, b.app, a.app]) statuses.push((await request(app).post('/api/auth/login').send(body)).status);
      expect(statuses).toEqual([401, 401, 401]);
      const limited = await request(b.app).post('/api/auth/login').send(body);
      expect(limited.status).toBe(429);
      expect(limited.body.code).toBe('RATE_LIMITED');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    } finally {
      await b.close();
      await a.close();
      await a.database.destroy();
    }
  });

  describe('per email only failed logins count', () => {
    let a: TestApp;
    beforeAll(async () => {
      a = await createTestApp(testEnv({ RATE_LIMIT_LOGIN_PER_EMAIL: '3', RATE_LIMIT_LOGIN_PER_IP: '1000' }));
    });
    afterAll(async () => {
      await a.close();
    });
    const login = (email: string, password: string) => request(a.app).post('/api/auth/login').send({ email, password });
    const statuses = async (email: string, passwords: string[]) => {
      const out = [];
      for (const password of passwords) out.push((await login(email, password)).status);
      return out;
    };
    const registered = async (email: string) => {
      expect((await request(a.app).post('/api/auth/register').send({ email, password: 'securepassword' })).status).toBe(200);
      return email;
    };

    test('successful logins never use up the limit', async () => {
      const email = await registered('busy@example.com');
      expect(await statuses(email, Array(6).fill('securepassword'))).toEqual([200, 200, 200, 200, 200, 200]);
    });

    test('a successful login clears the failures before it', async () => {
      const email = await registered('forgetful@example.com');
      const [ok, bad] = ['securepassword', 'wrong-password'];
      expect(await statuses(email, [bad, bad, ok, bad, bad, ok])).toEqual([401, 401, 200, 401, 401, 200]);
    });

    test('once the failures reach the limit every attempt is refused until the window ends, the right password too', async () => {
      const email = await registered('guessed@example.com');
      expect(await statuses(email, ['wrong-1', 'wrong-2', 'wrong-3'])).toEqual([401, 401, 401]);
      const res = await login(email, 'securepassword');
      expect(res.status).toBe(429);
      expect(res.body).toEqual({ code: 'RATE_LIMITED', detail: expect.stringMatching(/^Too many failed logins for this account; retry in \d+ s$/) });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      // The window ends (cut short here to keep the test fast); then the right password works again.
      await a.deps.redis.expire(`${a.config.redisPrefix}:rl:login:failed:${email}`, 1);
      await new Promise((r) => setTimeout(r, 1100));
      expect((await login(email, 'securepassword')).status).toBe(200);
    });
  });

  test('per IP every attempt counts, successful ones too', async () => {
    const a = await createTestApp(testEnv({ RATE_LIMIT_LOGIN_PER_IP: '3' }));
    try {
      const body = { email: 'per-ip@example.com', password: 'securepassword' };
      await request(a.app).post('/api/auth/register').send(body);
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await request(a.app).post('/api/auth/login').send(body)).status);
      expect(codes).toEqual([200, 200, 200, 429]);
    } finally {
      await a.close();
    }
  });

  test('registrations per IP are limited', async () => {
    const a = await createTestApp(testEnv({ RATE_LIMIT_REGISTER_PER_IP: '2' }));
    try {
      const codes = [];
      for (let i = 0; i < 3; i++) {
        codes.push((await request(a.app).post('/api/auth/register').send({ email: `r${i}@example.com`, password: 'securepassword' })).status);
      }
      expect(codes).toEqual([200, 200, 429]);
    } finally {
      await a.close();
    }
  });
});

describe('per-IP limits and X-Forwarded-For', () => {
  /** Three registrations from one peer, each claiming another client address. */
  async function rotatingClients(env: Record<string, string>): Promise<number[]> {
    const a = await createTestApp(testEnv({ RATE_LIMIT_REGISTER_PER_IP: '2', ...env }));
    try {
      const codes = [];
      for (let i = 0; i < 3; i++) {
        const res = await request(a.app)
          .post('/api/auth/register')
          .set('X-Forwarded-For', `203.0.113.${i + 1}`)
          .send({ email: `xff${i}@example.com`, password: 'securepassword' });
        codes.push(res.status);
      }
      return codes;
    } finally {
      await a.close();
    }
  }

  test('by default no peer is a proxy: a client rotating X-Forwarded-For is still one client', async () => {
    expect(await rotatingClients({})).toEqual([200, 200, 429]);
  });

  test('behind a configured proxy (here the loopback peer, one hop) each forwarded client is counted apart', async () => {
    expect(await rotatingClients({ TRUST_PROXY: '1' })).toEqual([200, 200, 200]);
    expect(await rotatingClients({ TRUST_PROXY: 'loopback' })).toEqual([200, 200, 200]);
  });

  test('a trusted hop takes the rightmost entry: a client cannot prepend a made-up address', async () => {
    const a = await createTestApp(testEnv({ RATE_LIMIT_REGISTER_PER_IP: '2', TRUST_PROXY: '1' }));
    try {
      const codes = [];
      for (let i = 0; i < 3; i++) {
        const res = await request(a.app)
          .post('/api/auth/register')
          .set('X-Forwarded-For', `198.51.100.${i + 1}, 203.0.113.7`)
          .send({ email: `prepend${i}@example.com`, password: 'securepassword' });
        codes.push(res.status);
      }
      expect(codes).toEqual([200, 200, 429]);
    } finally {
      await a.close();
    }
  });
});

test('a database outage while checking a token is 503 SERVICE_UNAVAILABLE, not a 401 that logs the client out', async () => {
  const res = await register('outage@example.com');
  const down = await createTestApp({ ...testEnv(), JWT_SECRET: t.config.jwtSecret }, { database: t.database });
  try {
    // The app's pool now points at a port nothing listens on.
    const unreachable = createDb('postgres://postgres@127.0.0.1:1/nope', { max: 1 });
    down.deps.db = unreachable;
    try {
      for (const path of ['/api/auth/me', '/api/runs', '/api/api-keys']) {
        const me = await request(down.app).get(path).set('Authorization', `Bearer ${res.body.access_token}`);
        expect([path, me.status, me.body.code]).toEqual([path, 503, 'SERVICE_UNAVAILABLE']);
        expect(me.headers['www-authenticate']).toBeUndefined();
      }
    } finally {
      await unreachable.destroy();
    }
  } finally {
    await down.close();
  }
});
