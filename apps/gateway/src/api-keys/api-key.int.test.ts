import request from 'supertest';
import { PROVIDERS } from '@studio/contracts';
import { findApiKey } from '@studio/db';
import { createTestApp, testEnv, type TestApp } from '../../test/test-app';
import { registerUser } from '../../test/test-user.helper';
import { decryptApiKey } from '@studio/db';

const ISO_WITH_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const OPENAI_KEY = 'sk-proj-Zq81xLw0o2Vd7Tn4Yc9Pb6Hs3Km5Jr1Ga8Fu0Ee4Di7Qa';

let t: TestApp;
let token: string;
let userId: string;

const save = (body: object, as = token, app = t.app) => request(app).post('/api/api-keys').set('Authorization', `Bearer ${as}`).send(body);
const list = (as = token) => request(t.app).get('/api/api-keys').set('Authorization', `Bearer ${as}`);
const remove = (provider: string, as = token) => request(t.app).delete(`/api/api-keys/${provider}`).set('Authorization', `Bearer ${as}`);

function expectValidationError(res: request.Response, field: string): void {
  expect(res.status).toBe(422);
  expect(res.body.code).toBe('VALIDATION_ERROR');
  expect(res.body.fields.map((f: { field: string }) => f.field)).toContain(field);
  expect(res.body.detail).toContain(field);
}

beforeAll(async () => {
  t = await createTestApp();
  ({ token, userId } = await registerUser(t.app, 'keys'));
});
afterAll(async () => {
  await t.close();
});

describe('GET /api/api-keys/providers', () => {
  test('needs no token and lists the contracts provider table without the built-in mock', async () => {
    const res = await request(t.app).get('/api/api-keys/providers');
    expect(res.status).toBe(200);
    const expected = PROVIDERS.filter((p) => p.provider !== 'mockllm').map(({ base_url_env: _ignored, ...p }) => p);
    expect(res.body).toEqual(expected);
    expect(res.body.map((p: { provider: string }) => p.provider)).not.toContain('mockllm');
    expect(res.body.find((p: { provider: string }) => p.provider === 'openai')).toEqual({
      provider: 'openai',
      display_name: 'OpenAI',
      env_var: 'OPENAI_API_KEY',
      base_url: 'https://api.openai.com/v1',
      api_style: 'openai-compatible',
      requires_key: true,
      color: '#10a37f',
      supports_vision: true,
    });
    expect(res.body.find((p: { provider: string }) => p.provider === 'cerebras').supports_vision).toBe(false);
  });
});

describe('authentication', () => {
  test.each([
    ['get', '/api/api-keys'],
    ['post', '/api/api-keys'],
    ['delete', '/api/api-keys/openai'],
  ] as const)('%s %s without a token is 401 AUTH_REQUIRED', async (method, path) => {
    const res = await request(t.app)[method](path).send({ provider: 'openai', key: OPENAI_KEY });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('AUTH_REQUIRED');
  });
});

describe('saving, listing and deleting keys', () => {
  test('a saved key is listed with a preview and never returned', async () => {
    const res = await save({ provider: 'openai', key: OPENAI_KEY });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      key_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      provider: 'openai',
      key_preview: '...i7Qa',
      base_url: null,
      custom_env_var: null,
      created_at: expect.stringMatching(ISO_WITH_OFFSET),
      updated_at: expect.stringMatching(ISO_WITH_OFFSET),
    });
    expect(JSON.stringify(res.body)).not.toContain(OPENAI_KEY);
    const listed = await list();
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([res.body]);
    expect(JSON.stringify(listed.body)).not.toContain(OPENAI_KEY);
  });

  test('the stored key is AES-GCM ciphertext under the current master key version', async () => {
    const row = (await findApiKey(t.deps.db, userId, 'openai'))!;
    expect(row.key_version).toBe(1);
    expect(row.encrypted_key).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(row.encrypted_key).not.toContain(OPENAI_KEY);
    expect(decryptApiKey(row.encrypted_key, t.config.encryption, row)).toBe(OPENAI_KEY);
  });

  test('saving the same provider again replaces key, base URL and env var', async () => {
    const before = (await list()).body[0];
    const res = await save({ provider: 'openai', key: '  sk-replacement-key-0000-WXYZ\n', base_url: 'http://127.0.0.1:9/v1/', custom_env_var: 'MY_OPENAI_KEY' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      key_id: before.key_id,
      key_preview: '...WXYZ',
      base_url: 'http://127.0.0.1:9/v1',
      custom_env_var: 'MY_OPENAI_KEY',
      created_at: before.created_at,
    });
    expect(Date.parse(res.body.updated_at)).toBeGreaterThanOrEqual(Date.parse(before.updated_at));
    const listed = await list();
    expect(listed.body).toHaveLength(1);
    const row = (await findApiKey(t.deps.db, userId, 'openai'))!;
    expect(decryptApiKey(row.encrypted_key, t.config.encryption, row)).toBe('sk-replacement-key-0000-WXYZ');

    const cleared = await save({ provider: 'openai', key: OPENAI_KEY, base_url: null, custom_env_var: null });
    expect(cleared.body).toMatchObject({ key_id: before.key_id, base_url: null, custom_env_var: null });
  });

  test('keys are listed ordered by provider', async () => {
    await save({ provider: 'groq', key: 'gsk_0123456789abcdef' });
    await save({ provider: 'anthropic', key: 'sk-ant-0123456789abcdef' });
    const res = await list();
    expect(res.body.map((k: { provider: string }) => k.provider)).toEqual(['anthropic', 'groq', 'openai']);
  });

  test('keys shorter than 12 characters are previewed as ****', async () => {
    expect((await save({ provider: 'ollama', key: 'ollama' })).body.key_preview).toBe('****');
    expect((await save({ provider: 'ollama', key: 'abcdefghijk' })).body.key_preview).toBe('****');
    expect((await save({ provider: 'ollama', key: 'abcdefghijkl' })).body.key_preview).toBe('...ijkl');
  });

  test('a provider outside the table registers an OpenAI-compatible endpoint and needs base_url', async () => {
    const missing = await save({ provider: 'my-vllm', key: 'token-abcdefgh' });
    expectValidationError(missing, 'base_url');
    expect(missing.body.detail).toMatch(/my-vllm.*not a predefined provider/);
    expectValidationError(await save({ provider: 'my-vllm', key: 'token-abcdefgh', base_url: '  ' }), 'base_url');

    const res = await save({ provider: 'my-vllm', key: 'token-abcdefgh', base_url: 'http://localhost:8000/v1' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ provider: 'my-vllm', base_url: 'http://localhost:8000/v1' });
  });

  test('another user sees none of these keys and cannot delete them', async () => {
    const other = await registerUser(t.app, 'keys');
    expect((await list(other.token)).body).toEqual([]);
    const res = await remove('openai', other.token);
    expect(res.status).toBe(404);
    expect((await list()).body.map((k: { provider: string }) => k.provider)).toContain('openai');
  });

  test('DELETE removes the key; deleting it again is 404 APIKEY_NOT_FOUND', async () => {
    const res = await remove('groq');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'deleted' });
    expect((await list()).body.map((k: { provider: string }) => k.provider)).not.toContain('groq');
    const again = await remove('groq');
    expect(again.status).toBe(404);
    expect(again.body).toEqual({ code: 'APIKEY_NOT_FOUND', detail: 'No API key stored for provider "groq"' });
  });
});

describe('at most MAX_API_KEYS_PER_USER keys per user', () => {
  let capped: TestApp;
  beforeAll(async () => {
    capped = await createTestApp(testEnv({ MAX_API_KEYS_PER_USER: '2' }), { database: t.database });
  });
  afterAll(async () => {
    await capped.close();
  });
  const saveTo = (as: string, provider: string) => save({ provider, key: OPENAI_KEY }, as, capped.app);

  test('a new provider beyond the limit is 422 naming provider; replacing a stored one is fine', async () => {
    const owner = await registerUser(capped.app, 'capped');
    expect((await saveTo(owner.token, 'openai')).status).toBe(200);
    expect((await saveTo(owner.token, 'groq')).status).toBe(200);
    const refused = await saveTo(owner.token, 'mistral');
    expect(refused.status).toBe(422);
    expect(refused.body).toEqual({
      code: 'VALIDATION_ERROR',
      detail:
        'provider: you already store 2 API keys, the most allowed; replace the key of one of those providers or delete one (DELETE /api/api-keys/{provider})',
      fields: [{ field: 'provider', message: expect.stringMatching(/^you already store 2 API keys/) }],
    });
    expect(await findApiKey(capped.deps.db, owner.userId, 'mistral')).toBeUndefined();
    expect((await saveTo(owner.token, 'groq')).status).toBe(200);
    expect((await request(capped.app).delete('/api/api-keys/groq').set('Authorization', `Bearer ${owner.token}`)).status).toBe(200);
    expect((await saveTo(owner.token, 'mistral')).status).toBe(200);
    // The limit is per user.
    const other = await registerUser(capped.app, 'capped-other');
    expect((await saveTo(other.token, 'mistral')).status).toBe(200);
  });

  test('concurrent saves of new providers cannot together pass the limit', async () => {
    const owner = await registerUser(capped.app, 'capped-race');
    const results = await Promise.all(['openai', 'groq', 'mistral', 'together', 'fireworks'].map((p) => saveTo(owner.token, p)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 422, 422, 422]);
    const stored = await capped.deps.db.selectFrom('api_keys').select('provider').where('user_id', '=', owner.userId).execute();
    expect(stored).toHaveLength(2);
  });
});

describe('validation', () => {
  test.each([
    [{ provider: 'openai', key: OPENAI_KEY, admin: true }, 'admin'],
    [{ key: OPENAI_KEY }, 'provider'],
    [{ provider: 'openai' }, 'key'],
    [{ provider: '', key: OPENAI_KEY }, 'provider'],
    [{ provider: 'OpenAI', key: OPENAI_KEY }, 'provider'],
    [{ provider: 'open ai', key: OPENAI_KEY }, 'provider'],
    [{ provider: 'open/ai', key: OPENAI_KEY }, 'provider'],
    [{ provider: 'a'.repeat(101), key: OPENAI_KEY }, 'provider'],
    [{ provider: 'openai', key: '' }, 'key'],
    [{ provider: 'openai', key: '   ' }, 'key'],
    [{ provider: 'openai', key: 'k'.repeat(4097) }, 'key'],
    [{ provider: 'openai', key: 42 }, 'key'],
    [{ provider: 'openai', key: OPENAI_KEY, custom_env_var: 'lower_case' }, 'custom_env_var'],
    [{ provider: 'openai', key: OPENAI_KEY, custom_env_var: '1ABC' }, 'custom_env_var'],
    [{ provider: 'openai', key: OPENAI_KEY, custom_env_var: 'A-B' }, 'custom_env_var'],
    [{ provider: 'openai', key: OPENAI_KEY, custom_env_var: `A${'B'.repeat(100)}` }, 'custom_env_var'],
    [{ provider: 'openai', key: OPENAI_KEY, custom_env_var: 'LD_PRELOAD' }, 'custom_env_var'],
    [{ provider: 'bedrock', key: 'AKIAONLYTHEKEYID' }, 'key'],
    [{ provider: 'bedrock', key: 'AKIAX:secret:token:extra' }, 'key'],
    [{ provider: 'openai', key: OPENAI_KEY, custom_env_var: 'NODE_OPTIONS' }, 'custom_env_var'],
    [{ provider: 'openai', key: OPENAI_KEY, custom_env_var: 'PATH' }, 'custom_env_var'],
    [{ provider: 'openai', key: OPENAI_KEY, base_url: 'ftp://example.com/' }, 'base_url'],
    [{ provider: 'openai', key: OPENAI_KEY, base_url: 'http://user:pw@127.0.0.1/' }, 'base_url'],
    [{ provider: 'openai', key: OPENAI_KEY, base_url: 'not a url' }, 'base_url'],
    [{ provider: 'mockllm', key: OPENAI_KEY }, 'provider'],
  ])('%j is 422 naming %s, without echoing the key', async (body, field) => {
    const res = await save(body);
    expectValidationError(res, field);
    expect(JSON.stringify(res.body)).not.toContain(OPENAI_KEY);
  });
});

test('an over-long base_url is named with the limit it broke, not tsoa\'s union internals or the value', async () => {
  const longUrl = `https://example.com/${'a'.repeat(3000)}`;
  const res = await save({ provider: 'openai', key: OPENAI_KEY, base_url: longUrl });
  expect([res.status, res.body]).toEqual([
    422,
    { code: 'VALIDATION_ERROR', detail: 'Invalid request: base_url: maxLength 2048', fields: [{ field: 'base_url', message: 'maxLength 2048' }] },
  ]);
});

describe('SSRF guard on base_url', () => {
  test.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://2852039166/',
    'http://0xA9FEA9FE/',
    'http://0251.0376.0251.0376/',
    'http://[::ffff:169.254.169.254]/',
    'http://[fe80::1]:8000/v1',
    'http://[fd00:ec2::254]/',
    'http://100.100.100.200/',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://0.0.0.0:8000/v1',
    'http://[::]:8000/v1',
  ])('%s is always refused', async (baseUrl) => {
    const res = await save({ provider: 'my-endpoint', key: 'token-abcdefgh', base_url: baseUrl });
    expectValidationError(res, 'base_url');
    expect(res.body.detail).toMatch(/^base_url: .*(metadata|link-local|unspecified)/);
  });

  const privateUrls = ['http://127.0.0.1:8000/v1', 'http://localhost:11434/v1', 'http://[::1]:8000/v1', 'http://10.1.2.3/v1', 'http://192.168.0.10:4000', 'http://172.20.0.5/v1', 'http://100.64.1.1/v1'];

  test('private and loopback endpoints are allowed by default (self-hosted vLLM, Ollama)', async () => {
    for (const baseUrl of privateUrls) {
      const res = await save({ provider: 'local-llm', key: 'token-abcdefgh', base_url: baseUrl });
      expect(res.status).toBe(200);
    }
  });

  test('private and loopback endpoints are refused with BLOCK_PRIVATE_BASE_URLS=true', async () => {
    const strict = await createTestApp(testEnv({ BLOCK_PRIVATE_BASE_URLS: 'true' }), { database: t.database });
    try {
      const user = await registerUser(strict.app, 'keys');
      for (const baseUrl of privateUrls) {
        const res = await save({ provider: 'local-llm', key: 'token-abcdefgh', base_url: baseUrl }, user.token, strict.app);
        expectValidationError(res, 'base_url');
        expect(res.body.detail).toMatch(/loopback|private network/);
      }
    } finally {
      await strict.close();
    }
  });
});

describe('AWS Bedrock keys', () => {
  // The region-from-base-URL rule is unit-tested in contracts: AWS host names do not resolve in tests.
  test('hold "<access key id>:<secret>[:<session token>]"; the secret never comes back', async () => {
    const res = await save({ provider: 'bedrock', key: 'AKIAEXAMPLE:wJalrXUtnFEMIEXAMPLEKEY' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ provider: 'bedrock', base_url: null });
    expect(JSON.stringify(res.body)).not.toContain('wJalrXUtnFEMIEXAMPLEKEY');
  });
});
