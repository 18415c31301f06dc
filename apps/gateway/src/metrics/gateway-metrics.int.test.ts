/**
 * The gateway's metrics as Prometheus sees them: scraped over HTTP from the metrics listener after real requests,
 * parsed from the text format, and compared by how much each series moved.
 */
import { randomUUID } from 'node:crypto';
import { EventSource } from 'eventsource';
import request from 'supertest';
import { startMetricsServer, type MetricsServer } from '@studio/runtime';
import { createTestApp, listen, testEnv, type ListeningApp, type TestApp } from '../../test/test-app';
import { registerUser, saveKey, type TestUser } from '../../test/test-user.helper';
import { sampleValue, scrapeMetrics } from '../../../../infra/test/prometheus-text';
import { routeTemplate } from './gateway-metrics';

let t: TestApp;
let http: ListeningApp;
let metrics: MetricsServer;
let owner: TestUser;
const runIds: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  http = await listen(t.app);
  metrics = await startMetricsServer({ registry: t.deps.metrics.registry, host: '127.0.0.1', port: 0 });
  owner = await registerUser(t.app, 'metrics');
  await saveKey(t.app, owner, 'openai');
  // Runs by status are cached for 15 s, so the runs exist before the first scrape.
  for (let i = 0; i < 3; i++) {
    const res = await request(t.app).post('/api/runs').set('Authorization', `Bearer ${owner.token}`).send({ benchmark: 'mmlu', model: 'openai/gpt-4o', limit: 2 });
    runIds.push(res.body.run_id);
  }
});
afterAll(async () => {
  await metrics.close();
  await http.close();
  await t.close();
});

const scrape = () => scrapeMetrics(`${metrics.url}/metrics`);
const value = sampleValue;
const REQUESTS = 'openbench_http_request_duration_seconds_count';

test('request durations are counted by method, route template and status code, by exactly the requests made', async () => {
  const before = await scrape();
  for (let i = 0; i < 4; i++) await fetch(`${http.url}/api/health`);
  for (let i = 0; i < 3; i++) await fetch(`${http.url}/api/runs/${randomUUID()}`);
  await fetch(`${http.url}/api/runs/${runIds[0]}`);
  await fetch(`${http.url}/api/runs/${runIds[1]}`);
  for (let i = 0; i < 2; i++) await fetch(`${http.url}/wp-login.php?x=${i}`);
  await fetch(`${http.url}/api/no/such/route`);
  await fetch(`${http.url}/api/runs`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  const after = await scrape();

  const moved = (labels: Record<string, string>) => value(after, REQUESTS, labels) - value(before, REQUESTS, labels);
  expect(moved({ method: 'GET', route: '/api/health', status_code: '200' })).toBe(4);
  expect(moved({ method: 'GET', route: '/api/runs/:run_id', status_code: '404' })).toBe(3);
  expect(moved({ method: 'GET', route: '/api/runs/:run_id', status_code: '200' })).toBe(2);
  // Unknown paths share one series, so scanners cannot create new ones.
  expect(moved({ method: 'GET', route: 'unmatched', status_code: '404' })).toBe(3);
  expect(moved({ method: 'POST', route: '/api/runs', status_code: '401' })).toBe(1);
  const routes = new Set(after.samples.filter((s) => s.name === REQUESTS).map((s) => s.labels.route));
  expect([...routes].some((r) => r.includes(runIds[0]) || r.includes('wp-login'))).toBe(false);
  expect(after.types.get('openbench_http_request_duration_seconds')).toBe('histogram');
  // Every series carries the service label, and buckets are cumulative up to the count.
  const health = { method: 'GET', route: '/api/health', status_code: '200', service: 'gateway' };
  expect(value(after, 'openbench_http_request_duration_seconds_bucket', { ...health, le: '+Inf' })).toBe(value(after, REQUESTS, health));
  expect(value(after, 'openbench_http_request_duration_seconds_sum', health)).toBeGreaterThan(0);
});

test('queue depth, the oldest waiting job and runs by status follow the queue and the database', async () => {
  const families = await scrape();
  expect(value(families, 'openbench_queue_jobs', { queue: 'runs', state: 'waiting' })).toBe(3);
  expect(value(families, 'openbench_queue_jobs', { queue: 'runs', state: 'active' })).toBe(0);
  expect(value(families, 'openbench_queue_jobs', { queue: 'runs', state: 'failed' })).toBe(0);
  expect(value(families, 'openbench_queue_oldest_waiting_job_age_seconds', { queue: 'runs' })).toBeGreaterThan(0);
  expect(value(families, 'openbench_runs', { status: 'queued' })).toBe(3);
  expect(value(families, 'openbench_runs', { status: 'completed' })).toBe(0);
  expect(families.samples.filter((s) => s.name === 'openbench_runs').map((s) => s.labels.status).sort()).toEqual(['canceled', 'completed', 'failed', 'queued', 'running']);
  expect(value(families, 'openbench_metrics_collect_errors_total', { source: 'queue' })).toBe(0);

  // Canceling a queued run takes its job off the queue at once.
  await request(t.app).post(`/api/runs/${runIds[2]}/cancel`).set('Authorization', `Bearer ${owner.token}`);
  await new Promise((r) => setTimeout(r, 1100));
  expect(value(await scrape(), 'openbench_queue_jobs', { queue: 'runs', state: 'waiting' })).toBe(2);
});

test('SSE subscribers count open event streams', async () => {
  expect(value(await scrape(), 'openbench_sse_subscribers')).toBe(0);
  const streams = runIds.slice(0, 2).map((id) => new EventSource(`${http.url}/api/runs/${id}/events`));
  try {
    await Promise.all(streams.map((s) => new Promise((r) => s.addEventListener('status', r, { once: true }))));
    expect(value(await scrape(), 'openbench_sse_subscribers')).toBe(2);
  } finally {
    for (const s of streams) s.close();
  }
  const deadline = Date.now() + 5000;
  while (value(await scrape(), 'openbench_sse_subscribers') !== 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect(value(await scrape(), 'openbench_sse_subscribers')).toBe(0);
});

test('process and event-loop metrics are there', async () => {
  const families = await scrape();
  for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_eventloop_lag_p99_seconds']) {
    expect(families.types.has(name)).toBe(true);
  }
  expect(value(families, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
});

test('with Redis and Postgres away a scrape still answers, counting the sources it could not read', async () => {
  const down = await createTestApp(testEnv({ REDIS_URL: 'redis://127.0.0.1:1' }), { database: t.database });
  const server = await startMetricsServer({ registry: down.deps.metrics.registry, host: '127.0.0.1', port: 0 });
  try {
    const families = await scrapeMetrics(`${server.url}/metrics`);
    expect(value(families, 'openbench_metrics_collect_errors_total', { source: 'queue' })).toBe(1);
    expect(families.samples.filter((s) => s.name === 'openbench_queue_jobs')).toEqual([]);
    // Postgres is up here: runs are still counted.
    expect(value(families, 'openbench_runs', { status: 'queued' })).toBe(2);
  } finally {
    await server.close();
    await down.close();
  }
}, 20_000);

test.each([
  ['/runs/:run_id', '/api', '/api/runs/x', '/api/runs/:run_id'],
  [undefined, undefined, '/docs/swagger-ui.css', '/docs'],
  [undefined, undefined, '/admin/queues/api/queues?x=1', '/admin/queues'],
  [undefined, undefined, '/admin/queuesX', 'unmatched'],
  [undefined, undefined, '/.env', 'unmatched'],
])('route template of route %p under %p for %s is %s', (routePath, base, url, expected) => {
  expect(routeTemplate(routePath, base, url)).toBe(expected);
});
