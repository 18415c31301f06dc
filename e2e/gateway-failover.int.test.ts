/**
 * Two gateway processes behind a load balancer; 50 SSE clients stream one run's events through the first. It is
 * killed with SIGKILL mid-run, the balancer sends new connections to the second, and every client's EventSource
 * reconnects there with Last-Event-ID: each client ends with every event exactly once, in order.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { EventSource } from 'eventsource';
import type { RunEvent } from '@studio/contracts';
import { insertRun } from '@studio/db';
import { createTestDatabase, updateRunRow, type TestDatabase } from '@studio/db/testing';
import { RunProtocol, createRedis, type Redis } from '@studio/runtime';
import { builtEntry } from '../infra/test/build-on-demand';
import { freePort } from '../infra/test/app-process';
import { spliceSockets } from '../apps/worker/test/tcp.proxy';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const CLIENTS = Number(process.env.FAILOVER_CLIENTS ?? 50);
const EVENTS = 120;

/** Sends each new connection to the first target that accepts it, as a load balancer with health checks would. */
class Balancer {
  private readonly sockets = new Set<Socket>();
  private constructor(private readonly server: Server, readonly port: number, private readonly targets: number[]) {}

  static async start(targets: number[]): Promise<Balancer> {
    let balancer: Balancer | undefined;
    const server = createServer((client) => balancer!.route(client, 0));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    balancer = new Balancer(server, (server.address() as AddressInfo).port, targets);
    return balancer;
  }

  private route(client: Socket, index: number): void {
    if (index >= this.targets.length) return void client.destroy();
    client.pause();
    const upstream = connect(this.targets[index], '127.0.0.1');
    upstream.once('error', () => {
      if (!upstream.readable || upstream.connecting) this.route(client, index + 1);
      else client.destroy();
    });
    upstream.once('connect', () => {
      upstream.removeAllListeners('error');
      spliceSockets(client, upstream, this.sockets);
      client.resume();
    });
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

let tdb: TestDatabase;
let redis: Redis;
let protocol: RunProtocol;
const prefix = `test-failover-${randomBytes(5).toString('hex')}`;
const gateways: ChildProcess[] = [];
let balancer: Balancer | undefined;
const clients: EventSource[] = [];

async function startGateway(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [builtEntry('apps/gateway/dist/src/server.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: tdb.url,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      JWT_SECRET: randomBytes(32).toString('hex'),
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      MIGRATE_ON_START: 'false',
      METRICS_PORT: 'off',
      SSE_HEARTBEAT_MS: '300',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  gateways.push(child);
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitUntilAsync(async () => {
    if (child.exitCode !== null) throw new Error(`gateway exited with ${child.exitCode}: ${output}`);
    return fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
  });
  return child;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  redis = createRedis(REDIS_URL);
  protocol = new RunProtocol(redis, prefix);
});
afterAll(async () => {
  for (const es of clients) es.close();
  await balancer?.close();
  for (const child of gateways) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await tdb.destroy();
});

test(`${CLIENTS} SSE clients survive a SIGKILLed gateway: they resume on another with no gap and no duplicate`, async () => {
  const [portA, portB] = [await freePort(), await freePort()];
  const gatewayA = await startGateway(portA);
  await startGateway(portB);
  balancer = await Balancer.start([portA, portB]);

  const runId = randomUUID();
  await insertRun(tdb.db, { run_id: runId, user_id: null, benchmark: 'mmlu', model: 'openai/gpt-4o', config: {}, eval_id: 'e', task_id: 't', status: 'running' });

  const streams = Array.from({ length: CLIENTS }, () => {
    const got: { id: string; event: string; data: string }[] = [];
    let done!: () => void;
    const ended = new Promise<void>((resolve) => (done = resolve));
    const es = new EventSource(`http://127.0.0.1:${balancer!.port}/api/runs/${runId}/events`);
    clients.push(es);
    for (const name of ['status', 'progress', 'completed']) {
      es.addEventListener(name, (e: MessageEvent) => {
        got.push({ id: e.lastEventId, event: name, data: e.data as string });
        if (name === 'completed') {
          es.close();
          done();
        }
      });
    }
    return { got, ended };
  });
  // Every client has its first (status) event from gateway A before anything is published.
  for (const s of streams) await waitUntil(() => s.got.length >= 1);

  const published: string[] = [];
  const publish = async (event: RunEvent) => published.push(await protocol.publish(runId, event));
  for (let i = 1; i <= EVENTS; i++) {
    await publish({ event: 'progress', data: { current: i, total: EVENTS, percentage: (100 * i) / EVENTS } });
    if (i === EVENTS / 3) gatewayA.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 5));
  }
  await updateRunRow(tdb.db, runId, { status: 'completed', finished_at: new Date(), exit_code: 0 });
  await publish({ event: 'status', data: { status: 'completed', timestamp: new Date().toISOString() } });
  await publish({ event: 'completed', data: { exit_code: 0, finished_at: new Date().toISOString() } });

  await Promise.all(streams.map((s) => s.ended));
  expect(gatewayA.signalCode).toBe('SIGKILL');
  for (const { got } of streams) {
    // The first event is the current status the first gateway sent on connect (no id needed to resume from it).
    const live = got.slice(1).map((e) => e.id);
    expect(live).toEqual(published);
  }
}, 120_000);

async function waitUntilAsync(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const waitUntil = (check: () => boolean) => waitUntilAsync(check);
