import { Counter } from 'prom-client';
import { parsePrometheusText, sampleValue } from '../../../infra/test/prometheus-text';
import { createMetricsRegistry, startMetricsServer, type MetricsServer } from './metrics';

const servers: MetricsServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function start(token?: string): Promise<{ server: MetricsServer; hits: Counter }> {
  const registry = createMetricsRegistry('worker');
  const hits = new Counter({ name: 'openbench_test_hits_total', help: 'test', registers: [registry] });
  const server = await startMetricsServer({ registry, host: '127.0.0.1', port: 0, token });
  servers.push(server);
  return { server, hits };
}

test('serves the registry at GET /metrics in the Prometheus text format, with process and event-loop metrics', async () => {
  const { server, hits } = await start();
  hits.inc(3);
  const res = await fetch(`${server.url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const scrape = parsePrometheusText(await res.text());
  expect(scrape.samples.filter((s) => s.name === 'openbench_test_hits_total')).toEqual([{ name: 'openbench_test_hits_total', labels: { service: 'worker' }, value: 3 }]);
  for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_eventloop_lag_p99_seconds']) {
    expect(scrape.types.has(name)).toBe(true);
  }
  expect(sampleValue(scrape, 'process_cpu_seconds_total')).toBeGreaterThan(0);
});

test('anything but GET /metrics is 404', async () => {
  const { server } = await start();
  expect((await fetch(`${server.url}/`)).status).toBe(404);
  expect((await fetch(`${server.url}/metrics`, { method: 'POST' })).status).toBe(404);
  expect((await fetch(`${server.url}/metrics`, { method: 'HEAD' })).status).toBe(200);
});

test('with a token, a scrape needs it as a bearer token', async () => {
  const { server } = await start('a-scrape-token-0123456789');
  expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
  expect((await fetch(`${server.url}/metrics`, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
  expect((await fetch(`${server.url}/metrics`, { headers: { Authorization: 'Bearer a-scrape-token-0123456789' } })).status).toBe(200);
});

test('a port in use is an error at start, not later', async () => {
  const { server } = await start();
  const port = Number(new URL(server.url).port);
  await expect(startMetricsServer({ registry: createMetricsRegistry('gateway'), host: '127.0.0.1', port })).rejects.toThrow(/EADDRINUSE/);
});
