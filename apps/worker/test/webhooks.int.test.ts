/**
 * Webhook deliveries end to end: a run ends in a worker, its delivery is recorded with the run's end, enqueued and
 * sent by the worker to a local receiver, which verifies the signature the way docs/api.md tells receivers to.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cancelQueuedRun, encryptApiKey, insertWebhook, listWebhookDeliveries, webhookSecretOwner } from '@studio/db';
import { enqueueWebhookDeliveries } from '@studio/runtime';
import { WorkerHarness, waitFor } from './worker.harness';

const h = new WorkerHarness();

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A receiver answering each POST with the next of `statuses` (the last one repeats). */
async function startReceiver(statuses: number[]): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(statuses[Math.min(received.length - 1, statuses.length - 1)]).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, server };
}
const servers: Server[] = [];

/** docs/api.md's verification: recompute the HMAC over `${t}.${body}`, compare in constant time, bound the age. */
function verify(secret: string, header: string, body: string, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((kv) => kv.split('=') as [string, string]));
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest('hex');
  const fresh = Math.abs(Date.now() / 1000 - Number(parts.t)) <= toleranceSeconds;
  return fresh && expected.length === parts.v1?.length && timingSafeEqual(Buffer.from(expected), Buffer.from(parts.v1));
}

async function addWebhook(url: string, events: string[]): Promise<{ webhookId: string; secret: string }> {
  const webhookId = randomUUID();
  const secret = `whsec_test_${randomUUID()}`;
  const ring = { currentVersion: 1, keys: new Map([[1, Buffer.from(h.encryptionKey, 'base64')]]) };
  const { encrypted, version } = encryptApiKey(secret, ring, webhookSecretOwner({ user_id: h.userId, webhook_id: webhookId }));
  await insertWebhook(h.db, { webhook_id: webhookId, user_id: h.userId, url, events, encrypted_secret: encrypted, key_version: version });
  return { webhookId, secret };
}

beforeAll(async () => {
  await h.setup();
  const model = await h.startModel();
  await h.saveKey(model.baseUrl);
  // The receivers are on loopback, so private addresses are allowed here (the default).
  await h.startWorker({ WEBHOOK_RETRY_DELAY_MS: '200' });
});
afterAll(async () => {
  for (const s of servers) s.close();
  await h.teardown();
});

test('a completed run is delivered once, signed, with the run summary', async () => {
  const receiver = await startReceiver([200]);
  servers.push(receiver.server);
  const { webhookId, secret } = await addWebhook(receiver.url, ['run.completed', 'run.failed']);
  const runId = await h.createRun({ limit: 2 });
  await h.waitForStatus(runId, 'completed');
  await waitFor('the delivery', () => receiver.received.length === 1);
  const [got] = receiver.received;
  expect(verify(secret, String(got.headers['x-studio-signature']), got.body)).toBe(true);
  expect(verify('whsec_wrong', String(got.headers['x-studio-signature']), got.body)).toBe(false);
  expect(verify(secret, String(got.headers['x-studio-signature']), got.body.replace('completed', 'failed'))).toBe(false);
  const payload = JSON.parse(got.body);
  expect(got.headers['x-studio-event']).toBe('run.completed');
  expect(payload).toMatchObject({ event: 'run.completed', delivery_id: got.headers['x-studio-delivery'], run: { run_id: runId, status: 'completed', benchmark: 'mmlu', primary_metric: expect.any(Number) } });
  const [delivery] = await waitFor('the delivery recorded', async () => {
    const rows = await listWebhookDeliveries(h.db, webhookId, 10);
    return rows[0]?.status === 'delivered' ? rows : undefined;
  });
  expect(delivery).toMatchObject({ run_id: runId, event: 'run.completed', attempts: 1, response_code: 200, last_error: null });
  // Enqueued again (the sweep after a crash does so): a settled delivery is not sent twice.
  await h.webhooks.remove(delivery.delivery_id);
  await enqueueWebhookDeliveries(h.webhooks, [delivery.delivery_id]);
  await new Promise((r) => setTimeout(r, 500));
  expect(receiver.received).toHaveLength(1);
});

test('a receiver answering 500 gets the delivery again with backoff, until it accepts', async () => {
  const receiver = await startReceiver([500, 503, 200]);
  servers.push(receiver.server);
  const { webhookId } = await addWebhook(receiver.url, ['run.completed']);
  const runId = await h.createRun({ limit: 1 });
  await h.waitForStatus(runId, 'completed');
  const [delivery] = await waitFor('the delivery to succeed', async () => {
    const rows = await listWebhookDeliveries(h.db, webhookId, 10);
    return rows[0]?.status === 'delivered' ? rows : undefined;
  });
  expect(delivery).toMatchObject({ attempts: 3, response_code: 200 });
  expect(receiver.received.map((r) => r.headers['x-studio-delivery'])).toEqual(Array(3).fill(delivery.delivery_id));
});

test('the cancel of a queued run records its delivery in the same transaction; only subscribed events are delivered', async () => {
  const receiver = await startReceiver([204]);
  servers.push(receiver.server);
  const canceledHook = await addWebhook(receiver.url, ['run.canceled']);
  const completedOnly = await addWebhook(receiver.url, ['run.completed']);
  const runId = await h.createRun({ limit: 1 }, { enqueue: false });
  expect(await cancelQueuedRun(h.db, runId)).toBeDefined();
  const pending = await listWebhookDeliveries(h.db, canceledHook.webhookId, 10);
  expect(pending).toMatchObject([{ run_id: runId, event: 'run.canceled', status: 'pending' }]);
  expect(await listWebhookDeliveries(h.db, completedOnly.webhookId, 10)).toEqual([]);
  await enqueueWebhookDeliveries(h.webhooks, [pending[0].delivery_id]);
  await waitFor('the canceled delivery', () => receiver.received.length === 1);
  expect(JSON.parse(receiver.received[0].body).run).toMatchObject({ run_id: runId, status: 'canceled' });
});

test('with BLOCK_PRIVATE_BASE_URLS on, a webhook to a private address is refused without a retry', async () => {
  const strict = new WorkerHarness();
  await strict.setup();
  try {
    await strict.startWorker({ BLOCK_PRIVATE_BASE_URLS: 'true', WEBHOOK_RETRY_DELAY_MS: '200' });
    const receiver = await startReceiver([200]);
    servers.push(receiver.server);
    const webhookId = randomUUID();
    const ring = { currentVersion: 1, keys: new Map([[1, Buffer.from(strict.encryptionKey, 'base64')]]) };
    const { encrypted, version } = encryptApiKey('whsec_x', ring, webhookSecretOwner({ user_id: strict.userId, webhook_id: webhookId }));
    // Stored as if it had been saved before the setting was turned on.
    await insertWebhook(strict.db, { webhook_id: webhookId, user_id: strict.userId, url: receiver.url, events: ['run.canceled'], encrypted_secret: encrypted, key_version: version });
    const runId = await strict.createRun({ limit: 1 }, { enqueue: false });
    await cancelQueuedRun(strict.db, runId);
    const [pending] = await listWebhookDeliveries(strict.db, webhookId, 10);
    await enqueueWebhookDeliveries(strict.webhooks, [pending.delivery_id]);
    const [failed] = await waitFor('the delivery to fail', async () => {
      const rows = await listWebhookDeliveries(strict.db, webhookId, 10);
      return rows[0]?.status === 'failed' ? rows : undefined;
    });
    expect(failed).toMatchObject({ attempts: 1, response_code: null, last_error: expect.stringMatching(/^URL refused: .*(private|loopback)/) });
    expect(receiver.received).toEqual([]);
  } finally {
    await strict.teardown();
  }
});
