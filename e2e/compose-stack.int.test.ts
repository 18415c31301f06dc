/**
 * docker-compose.yml without Docker: migrate, gateway, two workers (`--scale worker=2`) and the web server run as
 * local processes with exactly the commands and environment the compose file gives them (interpolated from
 * .env.example plus generated secrets, as `cp .env.example .env` would), and the spec's workflow runs through the
 * real infra/nginx/nginx.conf served by Debian's nginx, SSE included.
 *
 * What has to differ from containers, and nothing else: host names and ports (postgres, redis and gateway are on
 * 127.0.0.1, ports are free ones), the database (a fresh empty one per run), the deployment's REDIS_PREFIX (a random
 * one, through the same .env variable), DATA_DIR (a temporary folder holding the offline dataset), nginx's paths
 * (pid, temp files, logs and web root in a temporary folder), and DATASETS_OFFLINE=true because tests never reach the internet.
 * The web root is what the Dockerfile's build stage collects (infra/docker/collect-artifacts.sh).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventSource } from 'eventsource';
import { findRun } from '@studio/db';
import { createEmptyTestDatabase, type TestDatabase } from '@studio/db/testing';
import { readEvalLog, type Sample } from '@studio/engine';
import { createRedis } from '@studio/runtime';
import { loadMmluRunSamples, mmluExpectedAccuracy, startMmluModel, type MmluModel } from '../packages/engine/test/mmlu-run.helper';
import { builtEntry } from '../infra/test/build-on-demand';
import { freePort, spawnApp, waitForHttp, type AppProcess } from '../infra/test/app-process';
import { ROOT, envExample, readCompose, readNginxConf, type ComposeService } from '../infra/test/deploy-config';
import { sampleValue, scrapeMetrics } from '../infra/test/prometheus-text';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
const LOCAL_REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const work = mkdtempSync(join(tmpdir(), 'compose-stack-'));
let database: TestDatabase;
const prefix = `test-${randomBytes(5).toString('hex')}`;
const processes: AppProcess[] = [];
let webUrl: string;
let gatewayUrl: string;
let metricsUrl: string;
let model: MmluModel;
let samples: readonly Sample[];
let services: Record<string, ComposeService>;
let gatewayEnv: Record<string, string>;

/** A compose service's environment with the host substitutions above. */
function processEnv(service: ComposeService, local: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '' };
  for (const [k, v] of Object.entries(service.environment ?? {})) env[k] = v === null ? '' : String(v);
  if ('DATABASE_URL' in env) {
    expect(env.DATABASE_URL).toMatch(/^postgres:\/\/openbench:[^@]+@postgres:5432\/openbench$/);
    env.DATABASE_URL = database.url;
  }
  if ('REDIS_URL' in env) {
    expect(env.REDIS_URL).toBe('redis://redis:6379');
    env.REDIS_URL = LOCAL_REDIS;
  }
  if (env.HOST === '0.0.0.0') env.HOST = '127.0.0.1';
  if (env.METRICS_HOST === '0.0.0.0') env.METRICS_HOST = '127.0.0.1';
  for (const [k, v] of Object.entries(local)) {
    expect(k in env || k === 'DATASETS_OFFLINE').toBe(true);
    env[k] = v;
  }
  return env;
}

beforeAll(async () => {
  if (!NGINX) throw new Error('nginx is not installed: `apt-get install nginx-light` (npm test installs it)');
  // The secrets a user puts in .env, and this run's Redis namespace.
  const dotEnv = {
    ...envExample(),
    JWT_SECRET: randomBytes(32).toString('base64'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    POSTGRES_PASSWORD: randomBytes(8).toString('hex'),
    REDIS_PREFIX: prefix,
  };
  services = readCompose(dotEnv).services;
  // Empty: the migrate service creates the schema.
  database = await createEmptyTestDatabase();

  const dataDir = join(work, 'data');
  samples = await loadMmluRunSamples(join(dataDir, 'datasets'));
  model = await startMmluModel(samples, { latencyMs: 250 });
  for (const entry of ['packages/db/dist/migrate-cli.js', 'apps/gateway/dist/src/server.js', 'apps/worker/dist/main.js']) builtEntry(entry);

  // migrate: one shot, must succeed before the others start (depends_on: service_completed_successfully).
  const migrate = spawnApp('migrate', services.migrate.command!, processEnv(services.migrate, {}), ROOT);
  processes.push(migrate);
  expect(await migrate.exited).toBe(0);
  expect(migrate.output()).toMatch(/Applied migrations: .*2026_12_06_0100_users_is_admin/);

  const [port, metricsPort, webPort] = [await freePort(), await freePort(), await freePort()];
  gatewayEnv = processEnv(services.gateway, { PORT: String(port), METRICS_PORT: String(metricsPort) });
  const gateway = spawnApp('gateway', services.gateway.command!, gatewayEnv, ROOT);
  processes.push(gateway);
  gatewayUrl = `http://127.0.0.1:${port}`;
  metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  await waitForHttp(`${gatewayUrl}/api/ready`, { status: 200, app: gateway });

  for (const n of [1, 2]) {
    // Containers each have their own network; here the two workers share one host, so each gets its own port.
    const workerEnv = processEnv(services.worker, { DATA_DIR: dataDir, DATASETS_OFFLINE: 'true', METRICS_PORT: String(await freePort()) });
    const worker = spawnApp(`worker-${n}`, services.worker.command!, workerEnv, ROOT);
    processes.push(worker);
    await worker.waitForOutput(/worker started/);
  }

  // web: the real nginx.conf; only its addresses and paths are this machine's.
  const collected = join(work, 'collected');
  execFileSync('bash', [join(ROOT, 'infra/docker/collect-artifacts.sh'), collected], { stdio: 'pipe' });
  // nginx's workers run as an unprivileged user, as in the image: they must be able to read the web root.
  for (const dir of [work, collected]) chmodSync(dir, 0o755);
  const nginxDir = join(work, 'nginx');
  mkdirSync(nginxDir);
  const substitutions: [string, string][] = [
    ['server gateway:8000;', `server 127.0.0.1:${port};`],
    ['listen 3000;', `listen 127.0.0.1:${webPort};`],
    ['root /usr/share/nginx/html;', `root ${join(collected, 'web')};`],
    ['pid /tmp/nginx.pid;', `pid ${nginxDir}/nginx.pid;`],
    // A child process's stdout/stderr here are sockets, which nginx cannot open by path as it does a container's.
    ['error_log /dev/stderr warn;', `error_log ${nginxDir}/error.log warn;`],
    ['access_log /dev/stdout;', `access_log ${nginxDir}/access.log;`],
    ...['client-body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t): [string, string] => [`/tmp/nginx-${t};`, `${nginxDir}/${t};`]),
  ];
  let conf = readNginxConf();
  for (const [from, to] of substitutions) {
    expect(conf.split(from)).toHaveLength(2);
    conf = conf.replace(from, to);
  }
  writeFileSync(join(nginxDir, 'nginx.conf'), conf);
  const web = spawnApp('web', [NGINX, '-e', join(nginxDir, 'error.log'), '-p', nginxDir, '-c', join(nginxDir, 'nginx.conf'), '-g', 'daemon off;'], { PATH: process.env.PATH ?? '' }, ROOT);
  processes.push(web);
  webUrl = `http://127.0.0.1:${webPort}`;
  await waitForHttp(`${webUrl}/healthz`, { status: 200, app: web });
}, 180_000);

afterAll(async () => {
  const exits = await Promise.all(processes.map(async (p) => [p.name, await p.stop('SIGTERM', 30_000)] as const));
  // Every long-running app shut down cleanly on SIGTERM, as `docker compose stop` asks it to.
  expect(exits.filter(([name]) => name !== 'migrate')).toEqual(exits.filter(([name]) => name !== 'migrate').map(([name]) => [name, 0]));
  await model?.close();
  const redis = createRedis(LOCAL_REDIS);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await database?.destroy();
  rmSync(work, { recursive: true, force: true });
}, 90_000);

async function json(res: Response): Promise<Record<string, any>> {
  const body = (await res.json()) as Record<string, any>;
  if (!res.ok) throw new Error(`${res.status} ${JSON.stringify(body)}`);
  return body;
}

test('nginx serves the web app with an SPA fallback and its own health check, and never the metrics', async () => {
  const index = await fetch(`${webUrl}/`);
  expect(index.status).toBe(200);
  expect(await index.text()).toMatch(/<!doctype html>/i);
  const deepLink = await fetch(`${webUrl}/runs/some-run`);
  expect(deepLink.status).toBe(200);
  expect(deepLink.headers.get('content-type')).toMatch(/text\/html/);
  expect(await (await fetch(`${webUrl}/metrics`)).text()).not.toContain('openbench_');
  expect((await fetch(`${webUrl}/openapi.json`)).status).toBe(200);
});

test('the spec workflow through nginx: register, key, run, live SSE progress to completed, results and .eval log', async () => {
  const api = `${webUrl}/api`;
  const { access_token } = await json(
    await fetch(`${api}/auth/register`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'ops@example.com', password: 'securepassword' }) }),
  );
  const auth = { Authorization: `Bearer ${access_token}`, 'Content-Type': 'application/json' };
  // The first account of the fresh database administers it.
  expect((await json(await fetch(`${api}/auth/me`, { headers: auth }))).is_admin).toBe(true);
  await json(await fetch(`${api}/api-keys`, { method: 'POST', headers: auth, body: JSON.stringify({ provider: 'openai', key: 'sk-compose-0123456789', base_url: model.baseUrl }) }));
  const { run_id } = await json(await fetch(`${api}/runs`, { method: 'POST', headers: auth, body: JSON.stringify({ benchmark: 'mmlu', model: 'openai/gpt-4o', limit: 12, max_connections: 2 }) }));

  const progressAt: number[] = [];
  let completedAt = 0;
  await new Promise<void>((resolve, reject) => {
    const events = new EventSource(`${api}/runs/${run_id}/events`);
    const timer = setTimeout(() => reject(new Error('no completed event in 60 s')), 60_000);
    events.addEventListener('progress', () => progressAt.push(Date.now()));
    for (const name of ['failed', 'canceled']) events.addEventListener(name, (e: MessageEvent) => reject(new Error(`${name}: ${String(e.data)}`)));
    events.addEventListener('completed', () => {
      completedAt = Date.now();
      clearTimeout(timer);
      events.close();
      resolve();
    });
  });
  // Events arrive one by one as the run goes, not in a burst at the end (nginx buffers nothing).
  expect(progressAt.length).toBeGreaterThanOrEqual(3);
  expect(completedAt - progressAt[0]).toBeGreaterThan(100);

  const run = await json(await fetch(`${api}/runs/${run_id}`));
  expect(run).toMatchObject({ status: 'completed', benchmark: 'mmlu', model: 'openai/gpt-4o', progress: { current: 12, total: 12, percentage: 100 } });
  const expected = mmluExpectedAccuracy(samples, 12);
  expect(run.primary_metric).toBeCloseTo(expected, 12);
  const evalPath = (run.artifacts as string[]).find((a) => a.endsWith('.eval'))!;
  const log = readEvalLog(new Uint8Array(await (await fetch(`${api}/runs/${run_id}/artifacts/${evalPath}`)).arrayBuffer()));
  expect(log.samples).toHaveLength(12);

  // One of the two worker processes ran it (worker ids default to <hostname>-<pid>).
  const { worker_id } = (await findRun(database.db, run_id))!;
  const pids = processes.filter((p) => p.name.startsWith('worker')).map((w) => String(w.child.pid));
  expect(pids).toContain(worker_id!.split('-').pop());

  // The gateway's metrics (on their own port, not through nginx) saw this traffic.
  const metrics = await scrapeMetrics(metricsUrl);
  expect(sampleValue(metrics, 'openbench_http_request_duration_seconds_count', { method: 'POST', route: '/api/runs', status_code: '200' })).toBe(1);
  expect(sampleValue(metrics, 'openbench_runs', { status: 'completed' }) + sampleValue(metrics, 'openbench_runs', { status: 'running' })).toBe(1);
  expect(sampleValue(metrics, 'openbench_queue_jobs', { state: 'waiting' })).toBe(0);
}, 90_000);

test('the queue dashboard through nginx: a browser session for the administrator, the finished job named by benchmark and model', async () => {
  const api = `${webUrl}/api`;
  const { access_token } = await json(
    await fetch(`${api}/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'ops@example.com', password: 'securepassword' }) }),
  );
  expect((await fetch(`${webUrl}/admin/queues`, { headers: { Accept: 'text/html' } })).status).toBe(401);
  const session = await fetch(`${api}/admin/session`, { method: 'POST', headers: { Authorization: `Bearer ${access_token}` } });
  expect(session.status).toBe(200);
  const cookie = session.headers.get('set-cookie')!.split(';')[0];
  expect((await fetch(`${webUrl}/admin/queues`, { headers: { Cookie: cookie } })).status).toBe(200);
  const queues = await json(await fetch(`${webUrl}/admin/queues/api/queues?activeQueue=runs&status=completed&page=1`, { headers: { Cookie: cookie } }));
  const runs = (queues.queues as { name: string; jobs: { name: string; data: { benchmark: string } }[] }[]).find((q) => q.name === 'runs')!;
  expect(runs.jobs.map((j) => j.name)).toContain('mmlu · openai/gpt-4o');
  const workers = await json(await fetch(`${api}/admin/workers`, { headers: { Authorization: `Bearer ${access_token}` } }));
  expect(workers.queue).toMatchObject({ waiting: 0, active: 0 });
  expect(Array.isArray(workers.workers)).toBe(true);
});

test('the gateway\'s environment is exactly the compose file\'s, apart from the listed substitutions', () => {
  const compose = services.gateway.environment!;
  const differing = Object.keys(compose).filter((k) => String(compose[k] ?? '') !== gatewayEnv[k]);
  expect(differing.sort()).toEqual(['DATABASE_URL', 'HOST', 'METRICS_HOST', 'METRICS_PORT', 'PORT', 'REDIS_URL']);
  expect(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')).toContain('command: ["node", "apps/gateway/dist/src/server.js"]');
});
