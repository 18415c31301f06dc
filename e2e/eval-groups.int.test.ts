/**
 * An eval group run end to end: a real gateway over HTTP, a real worker, Postgres and Redis, and a local
 * OpenAI-compatible model that answers each MathArena set's problem right, wrong or with a server error, chosen per
 * set. `POST /api/suites {group: "matharena"}` runs the group's 11 members; the suite then reports every member and
 * openbench's group summary, whose figures were computed independently with numpy for exactly these member values.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hfFileUrl } from '@studio/datasets';
import { getEvalGroup, getTask } from '@studio/engine';
import { testEnv } from '../apps/gateway/test/test-app';
import { lastUserText, startFakeChatModel, type ChatRequestBody, type FakeChatModel } from '../packages/engine/test/fake-chat-model.server';
import { GENERATIVE_FIXTURES, placeInCache } from '../packages/engine/test/offline-cache.helper';
import { startE2eApi, waitForSuite, type E2eApi } from './studio-stack.helper';

let api: E2eApi;
let model: FakeChatModel;
const dataDir = mkdtempSync(join(tmpdir(), 'e2e-groups-'));
const MEMBERS = getEvalGroup('matharena')!.members;
/**
 * How the model answers each set's first problem; the failing set's requests get a 500, so its run fails. aime_2024
 * (both 2024 exams) starts with aime_2024_I's first problem, so the two get the same answer.
 */
const WRONG = new Set(['aime_2023_II', 'aime_2025_II', 'brumo_2025', 'hmmt_feb_2023']);
const FAILING = 'hmmt_feb_2025';
/** Prompt → (set, target). */
const byPrompt = new Map<string, { set: string; target: string }>();

/** The parquet shard the set reads, and its fixture (a slice of the real file, see the fixtures' SOURCE.md). */
function fixtureOf(member: string): { url: string; file: string } {
  const [repo, file] = member === 'aime_2024' ? ['AarushSah/aime2024', 'AarushSah-aime2024'] : [`MathArena/${member}`, `MathArena-${member}`];
  return { url: hfFileUrl(repo, 'default/train/0000.parquet', 'refs/convert/parquet'), file: `${file}-default-train.parquet` };
}

function answer(body: ChatRequestBody): string | { status: number; body: unknown } {
  const found = byPrompt.get(lastUserText(body));
  if (!found) return { status: 400, body: { error: { message: 'unknown prompt' } } };
  if (found.set === FAILING) return { status: 500, body: { error: { message: 'the model is down for this set' } } };
  return WRONG.has(found.set) ? 'So the answer is \\boxed{1000}.' : `So the answer is \\boxed{${found.target}}.`;
}

beforeAll(async () => {
  const env = testEnv();
  const cacheDir = join(dataDir, 'datasets');
  for (const member of MEMBERS) {
    const { url, file } = fixtureOf(member);
    placeInCache(cacheDir, url, join(GENERATIVE_FIXTURES, file));
    const [first] = await getTask(member).dataset.load({ cacheDir, offline: true });
    byPrompt.set(first.input as string, { set: member, target: String(first.target) });
  }
  model = await startFakeChatModel({ respond: answer });
  api = await startE2eApi(env, dataDir, 'groups@example.com', model.baseUrl, { PROVIDER_MAX_RETRIES: '0', WORKER_CONCURRENCY: '3', METRICS_PORT: 'off' });
});

afterAll(async () => {
  await api?.close();
  await model?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const call: E2eApi['call'] = (...args) => api.call(...args);


test("a group run reports every member and openbench's group summary, a failed member counted but not averaged", async () => {
  const created = await call('POST', '/suites', { group: 'matharena', models: ['openai/group-model'], limit: 1, epochs: 1 });
  expect(created.status).toBe(200);
  expect(created.body.run_ids).toHaveLength(11);
  const suite = await waitForSuite(call, created.body.suite_id);
  expect(suite).toMatchObject({ group: 'matharena', status: 'partial', benchmarks: MEMBERS, models: ['openai/group-model'] });

  const [row] = suite.matrix;
  expect(row.cells.map((c: any) => c.benchmark)).toEqual(MEMBERS);
  for (const cell of row.cells) {
    if (cell.benchmark === FAILING) {
      expect(cell).toMatchObject({ status: 'failed', primary_metric: null });
      expect(cell.error).toMatch(/the model is down for this set/);
    } else {
      expect([cell.benchmark, cell.status, cell.primary_metric?.value]).toEqual([cell.benchmark, 'completed', WRONG.has(cell.benchmark) ? 0 : 1]);
    }
  }
  // Member values in openbench's order: [1, 0, 1, 1, 1, 1, 0, 0, 0, 1] (the failed hmmt_feb_2025 has no results).
  // numpy: mean 0.6, median 1.0, std(ddof=1) 0.5163977794943223, stderr = std / sqrt(10), interval mean ± 1.96 stderr.
  expect(row.group_summary).toEqual({
    group: 'MathArena',
    benchmarks: 11,
    samples: 10,
    scored: 10,
    stats: { mean: 0.6, median: 1, std: 0.5163977794943223, stderr: 0.16329931618554522, ci_lower: 0.2799333402763314, ci_upper: 0.9200666597236686 },
    note: null,
  });
  // The suite's event stream ends with the same suite, summary included.
  const stream = await (await fetch(`${api.base}/suites/${created.body.suite_id}/events`, { headers: api.auth })).text();
  const finished = stream.split('\n\n').find((block) => block.includes('event: suite_finished'))!;
  expect(JSON.parse(finished.slice(finished.indexOf('data: ') + 6)).matrix[0].group_summary).toEqual(row.group_summary);
  const listed = (await call('GET', '/suites')).body.suites.find((s: any) => s.suite_id === created.body.suite_id);
  expect(listed.group).toBe('matharena');
});
