import request from 'supertest';
import { RunStreamEventSchema } from '@studio/contracts';
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
  ['get', '/service-keys', 'Yes'],
  ['get', '/service-keys/services', 'No'],
  ['put', '/service-keys/{service}', 'Yes'],
  ['delete', '/service-keys/{service}', 'Yes'],
  ['patch', '/runs/{run_id}/notes', 'Yes'],
  ['get', '/runs/compare', 'Optional'],
  ['get', '/stats/summary', 'Yes'],
  ['get', '/stats/history', 'Yes'],
  ['get', '/stats/leaderboard', 'Yes'],
  ['get', '/ready', 'No'],
  ['post', '/admin/session', 'Admin'],
  ['delete', '/admin/session', 'No'],
  ['get', '/admin/workers', 'Admin'],
  ['post', '/datasets', 'Yes'],
  ['get', '/datasets', 'Yes'],
  ['get', '/datasets/{dataset_id}', 'Yes'],
  ['delete', '/datasets/{dataset_id}', 'Yes'],
  ['post', '/tokens', 'Yes'],
  ['get', '/tokens', 'Yes'],
  ['delete', '/tokens/{token_id}', 'Yes'],
  ['post', '/webhooks', 'Yes'],
  ['get', '/webhooks', 'Yes'],
  ['patch', '/webhooks/{webhook_id}', 'Yes'],
  ['delete', '/webhooks/{webhook_id}', 'Yes'],
  ['get', '/webhooks/{webhook_id}/deliveries', 'Yes'],
  ['post', '/suites', 'Yes'],
  ['get', '/suites', 'Yes'],
  ['get', '/suites/{suite_id}', 'Yes'],
  ['get', '/suites/{suite_id}/events', 'Yes'],
  ['post', '/suites/{suite_id}/cancel', 'Yes'],
  ['post', '/suites/{suite_id}/retry', 'Yes'],
  ['delete', '/suites/{suite_id}', 'Yes'],
  ['get', '/benchmark-groups', 'No'],
  ['get', '/benchmark-groups/{name}', 'No'],
  ['post', '/schedules', 'Yes'],
  ['get', '/schedules', 'Yes'],
  ['get', '/schedules/{schedule_id}', 'Yes'],
  ['patch', '/schedules/{schedule_id}', 'Yes'],
  ['delete', '/schedules/{schedule_id}', 'Yes'],
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
  // An uploaded dataset is the body itself, as CSV or JSON Lines.
  if (path === '/datasets' && method === 'post') expect(Object.keys(op.requestBody?.content ?? {})).toEqual(['text/csv', 'application/x-ndjson']);
  else if (['post', 'patch'].includes(method) && !path.endsWith('/cancel') && !path.endsWith('/retry') && path !== '/admin/session') {
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

test('every operation has a summary and a description', () => {
  for (const ops of Object.values(spec.paths)) {
    for (const op of Object.values(ops) as { summary?: string; description?: string }[]) {
      expect(op.summary).toMatch(/^[A-Z].{5,60}$/);
      expect(op.description?.length).toBeGreaterThan(10);
    }
  }
});

test('artifacts are declared per media type as what arrives: JSON objects, text, a binary zip', () => {
  const op = spec.paths['/runs/{run_id}/artifacts/{path}'].get;
  const content = op.responses['200'].content as Record<string, { schema: { type: string; format?: string } }>;
  expect(content['application/zip'].schema).toMatchObject({ type: 'string', format: 'binary' });
  expect(content['application/json'].schema.type).toBe('object');
  for (const type of ['text/plain', 'text/csv', 'application/x-ndjson']) expect(content[type].schema).toEqual({ type: 'string', description: expect.any(String) });
  expect(Object.values(op.responses['206'].content!).map((c) => c.schema)).toEqual(Object.keys(content).map(() => expect.objectContaining({ type: 'string', format: 'binary' })));
});

test('the event stream is text/event-stream with a schema for each event of the contract', () => {
  const content = spec.paths['/runs/{run_id}/events'].get.responses['200'].content!;
  expect(Object.keys(content)).toEqual(['text/event-stream']);
  const schemas = (spec as unknown as { components: { schemas: Record<string, any> } }).components.schemas;
  const stream = schemas[content['text/event-stream'].schema!.$ref!.split('/').pop()!];
  expect(Object.keys(stream.discriminator.mapping)).toEqual(RunStreamEventSchema.options.map((o) => o.shape.event.value));
  const failed = schemas.RunFailedEvent;
  expect(failed.properties.data.required).toEqual(['exit_code', 'error', 'finished_at']);
  expect(failed.properties.id.type).toBe('string');
});

test('nullable is only used beside a type (OpenAPI 3.0 ignores it otherwise)', () => {
  const offenders: string[] = [];
  const walk = (node: unknown, at: string) => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${at}/${i}`));
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.nullable !== undefined && record.type === undefined) offenders.push(at);
    for (const [k, v] of Object.entries(record)) walk(v, `${at}/${k}`);
  };
  walk(spec, '#');
  expect(offenders).toEqual([]);
});
