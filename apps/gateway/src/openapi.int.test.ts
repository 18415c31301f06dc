import request from 'supertest';
import { createTestApp, type TestApp } from '../test/test-app';

/** Every endpoint of the API contract (spec "Endpoints" tables), with its auth column. */
const SPEC_ENDPOINTS: [method: string, path: string, auth: 'Yes' | 'No' | 'Optional'][] = [
  ['get', '/health', 'No'],
  ['get', '/version', 'No'],
  ['post', '/auth/register', 'No'],
  ['post', '/auth/login', 'No'],
  ['get', '/auth/me', 'Yes'],
  ['get', '/api-keys', 'Yes'],
  ['post', '/api-keys', 'Yes'],
  ['delete', '/api-keys/{provider}', 'Yes'],
  ['get', '/api-keys/providers', 'No'],
  ['get', '/available-models', 'Yes'],
  ['get', '/benchmarks', 'No'],
  ['get', '/benchmarks/{name}', 'No'],
  ['post', '/runs', 'Yes'],
  ['get', '/runs', 'Optional'],
  ['get', '/runs/tags', 'Optional'],
  ['get', '/runs/{run_id}', 'Optional'],
  ['post', '/runs/{run_id}/cancel', 'Yes'],
  ['delete', '/runs/{run_id}', 'Yes'],
  ['post', '/runs/bulk-delete', 'Yes'],
  ['patch', '/runs/{run_id}/tags', 'Yes'],
  ['get', '/runs/{run_id}/events', 'No'],
  ['get', '/runs/{run_id}/artifacts/{path}', 'Optional'],
  ['get', '/runs/{run_id}/eval-data/{path}', 'Optional'],
];

/**
 * What this implementation adds to the contract (docs/api.md); a client written against the spec never needs them.
 * `Admin` = a valid token of an administrator (403 for other users).
 */
const EXTENSION_ENDPOINTS: [method: string, path: string, auth: 'Yes' | 'No' | 'Optional' | 'Admin'][] = [
  ['get', '/runs/{run_id}/samples', 'Optional'],
  ['patch', '/runs/{run_id}/notes', 'Yes'],
  ['get', '/runs/compare', 'Optional'],
  ['get', '/stats/summary', 'Yes'],
  ['get', '/stats/history', 'Yes'],
  ['get', '/stats/leaderboard', 'Yes'],
  ['get', '/ready', 'No'],
  ['post', '/admin/session', 'Admin'],
  ['delete', '/admin/session', 'No'],
  ['get', '/admin/workers', 'Admin'],
  ['post', '/suites', 'Yes'],
  ['get', '/suites', 'Yes'],
  ['get', '/suites/{suite_id}', 'Yes'],
  ['get', '/suites/{suite_id}/events', 'Yes'],
  ['post', '/suites/{suite_id}/cancel', 'Yes'],
  ['post', '/suites/{suite_id}/retry', 'Yes'],
  ['delete', '/suites/{suite_id}', 'Yes'],
];

interface Operation {
  security?: Record<string, unknown>[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}

let t: TestApp;
let spec: { openapi: string; servers: { url: string }[]; paths: Record<string, Record<string, Operation>> };
beforeAll(async () => {
  t = await createTestApp();
  spec = (await request(t.app).get('/openapi.json')).body;
});
afterAll(async () => {
  await t.close();
});

test('is an OpenAPI 3 document served under /api', () => {
  expect(spec.openapi).toMatch(/^3\./);
  expect(spec.servers).toEqual([{ url: '/api' }]);
});

test.each([...SPEC_ENDPOINTS, ...EXTENSION_ENDPOINTS])('%s %s is documented with its auth, success and error responses', (method, path, auth) => {
  const op = spec.paths[path]?.[method];
  expect(op).toBeDefined();
  const schemes = (op.security ?? []).map((s) => Object.keys(s)[0]);
  expect(schemes).toEqual(auth === 'Yes' || auth === 'Admin' ? ['jwt'] : auth === 'Optional' ? ['jwt_optional'] : []);
  const codes = Object.keys(op.responses);
  expect(codes.some((c) => c.startsWith('2'))).toBe(true);
  if (auth === 'Yes') expect(codes).toContain('401');
  if (auth === 'Admin') expect(codes).toEqual(expect.arrayContaining(['401', '403']));
  for (const [code, response] of Object.entries(op.responses)) {
    // 503 from /health and /ready carries their own body, so monitors and balancers can read which dependency is down.
    if (Number(code) >= 400 && !['/health', '/ready'].includes(path)) expect(response.content?.['application/json']?.schema?.$ref).toBe('#/components/schemas/ErrorBody');
  }
  if (['post', 'patch'].includes(method) && !path.endsWith('/cancel') && !path.endsWith('/retry') && path !== '/admin/session') {
    expect(Object.keys(op.requestBody?.content ?? {})).toContain('application/json');
  }
});

test('the documented endpoints are exactly the spec\'s plus the listed extensions', () => {
  const documented = Object.entries(spec.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`));
  expect(documented.sort()).toEqual([...SPEC_ENDPOINTS, ...EXTENSION_ENDPOINTS].map(([m, p]) => `${m} ${p}`).sort());
});

test('every operation has a unique, descriptive operationId (generated clients name their methods after it)', () => {
  const ids = Object.values(spec.paths).flatMap((ops) => Object.values(ops).map((op) => (op as { operationId?: string }).operationId));
  expect(ids.every((id) => typeof id === 'string' && /^(get|list|create|save|delete|bulkDelete|update|cancel|retry|stream|register|login|compare)[A-Z]?[A-Za-z]*$/.test(id))).toBe(true);
  expect(new Set(ids).size).toBe(ids.length);
});
