/**
 * The API contract's "Running a Benchmark" workflow end to end: a real gateway over HTTP, a real worker
 * taking the job from BullMQ, Postgres and Redis, a local OpenAI-compatible server as the model and an
 * offline MMLU slice — driven like the spec's JavaScript (fetch + EventSource) and cURL examples.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { EventSource } from 'eventsource';
import { readEvalLog } from '@studio/engine';
import { startStudioStack, type StudioStack } from './studio-stack.helper';

let stack: StudioStack;
let BASE_URL: string;
let model: StudioStack['model'];
const expectedAccuracy = (n: number) => stack.expectedAccuracy(n);

beforeAll(async () => {
  stack = await startStudioStack();
  BASE_URL = stack.baseUrl;
  model = stack.model;
});

afterAll(async () => {
  await stack.close();
});

async function json(res: Response): Promise<Record<string, any>> {
  const body = (await res.json()) as Record<string, any>;
  if (!res.ok) throw new Error(`${res.status} ${JSON.stringify(body)}`);
  return body;
}

test('JavaScript workflow: register, key, run, EventSource progress until completed, results', async () => {
  const { access_token } = await json(
    await fetch(`${BASE_URL}/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'user@example.com', password: 'securepassword' }),
    }),
  );
  const auth = { Authorization: `Bearer ${access_token}`, 'Content-Type': 'application/json' };
  await json(
    await fetch(`${BASE_URL}/api-keys`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ provider: 'openai', key: 'sk-e2e-0123456789abcdef', base_url: model.baseUrl }),
    }),
  );
  const { run_id } = await json(
    await fetch(`${BASE_URL}/runs`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ benchmark: 'mmlu', model: 'openai/gpt-4o', limit: 10 }),
    }),
  );
  expect(run_id).toMatch(/^[0-9a-f-]{36}$/);

  const seen: string[] = [];
  const percentages: number[] = [];
  await new Promise<void>((resolve, reject) => {
    const events = new EventSource(`${BASE_URL}/runs/${run_id}/events`);
    const timer = setTimeout(() => reject(new Error(`no completed event; saw ${seen.join(',')}`)), 30_000);
    for (const name of ['status', 'log_line', 'progress', 'failed', 'canceled']) {
      events.addEventListener(name, (e: MessageEvent) => {
        seen.push(name);
        if (name === 'progress') percentages.push((JSON.parse(e.data as string) as { percentage: number }).percentage);
        if (name === 'failed' || name === 'canceled') reject(new Error(`${name}: ${String(e.data)}`));
      });
    }
    events.addEventListener('completed', () => {
      clearTimeout(timer);
      events.close();
      resolve();
    });
  });
  expect(seen[0]).toBe('status');
  expect(seen).toContain('log_line');
  expect(percentages[percentages.length - 1]).toBe(100);

  const run = await json(await fetch(`${BASE_URL}/runs/${run_id}`));
  expect(run).toMatchObject({ status: 'completed', benchmark: 'mmlu', model: 'openai/gpt-4o', primary_metric_name: 'accuracy' });
  expect(run.primary_metric).toBeCloseTo(expectedAccuracy(10), 12);
  expect(run.progress).toEqual({ current: 10, total: 10, percentage: 100 });
  const evalPath = (run.artifacts as string[]).find((a) => a.endsWith('.eval'))!;
  expect(evalPath).toMatch(/^logs\/.+_mmlu_.+\.eval$/);
  const log = readEvalLog(new Uint8Array(await (await fetch(`${BASE_URL}/runs/${run_id}/artifacts/${evalPath}`)).arrayBuffer()));
  expect(log.samples).toHaveLength(10);
  expect(log.results?.scores[0].metrics.accuracy.value).toBeCloseTo(expectedAccuracy(10), 12);
  // Each sample went to the model exactly once.
  expect(model.bodies().filter((b) => b.model === 'gpt-4o')).toHaveLength(10);
});

test('cURL workflow from the spec (curl + jq, verbatim apart from the host)', async () => {
  const script = `
set -euo pipefail
BASE=${BASE_URL}
curl -s -X POST $BASE/auth/register -H "Content-Type: application/json" -d '{"email":"curl@example.com","password":"password"}' > /dev/null
TOKEN=$(curl -s -X POST $BASE/auth/login \\
  -H "Content-Type: application/json" \\
  -d '{"email":"curl@example.com","password":"password"}' \\
  | jq -r '.access_token')
curl -s -X POST $BASE/api-keys -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \\
  -d '{"provider": "openai", "key": "sk-curl-0123456789", "base_url": "${model.baseUrl}"}' > /dev/null
RUN_ID=$(curl -s -X POST $BASE/runs \\
  -H "Authorization: Bearer $TOKEN" \\
  -H "Content-Type: application/json" \\
  -d '{"benchmark":"mmlu","model":"openai/gpt-4o","limit":5}' \\
  | jq -r '.run_id')
for i in $(seq 300); do
  STATUS=$(curl -s $BASE/runs/$RUN_ID | jq -r '.status')
  [ "$STATUS" = completed ] && break
  sleep 0.1
done
curl -s $BASE/runs/$RUN_ID
`;
  const { stdout } = await promisify(execFile)('bash', ['-c', script], { timeout: 60_000 });
  const run = JSON.parse(stdout) as { status: string; primary_metric: number };
  expect(run.status).toBe('completed');
  expect(run.primary_metric).toBeCloseTo(expectedAccuracy(5), 12);
});
