import request from 'supertest';
import { appendRunLogs, findRun, finishRun, type RunRow } from '@studio/db';
import { holdOf, updateRunRow } from '@studio/db/testing';
import { readEvalLog, readEvalSampleSummaries, type SampleRecord } from '@studio/engine';
import { createTestApp, type TestApp } from '../../test/test-app';
import { completeRun, insertSamples, insertTestRun, markRunning, mmluRecord, mmluResults } from '../../test/run-fixtures';
import { registerUser, type TestUser } from '../../test/test-user.helper';

let t: TestApp;
let owner: TestUser;
let run: RunRow;
let evalPath: string;
const records: SampleRecord[] = [
  mmluRecord(1),
  { ...mmluRecord(2, { correct: false }), scores: { mcq_scorer: { value: 'I', answer: 'He said "B", then\nC', explanation: 'x' } } },
  mmluRecord(3, { error: 'provider error: 500, "upstream"' }),
];

/** The body of a download, as bytes whatever its content type. */
function bytes(req: request.Test): request.Test {
  return req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
}

const artifact = (runId: string, path: string) => bytes(request(t.app).get(`/api/runs/${runId}/artifacts/${path}`));

beforeAll(async () => {
  t = await createTestApp();
  owner = await registerUser(t.app, 'artifacts');
  run = await insertTestRun(t.deps.db, owner.userId, { config: { limit: 3, temperature: 0.5 } });
  await markRunning(t.deps.db, run.run_id, 3);
  await insertSamples(t.deps.db, run.run_id, records);
  await appendRunLogs(t.deps.db, run.run_id, [
    { stream: 'stdout', line: 'Starting mmlu' },
    { stream: 'stderr', line: 'sample 3 (epoch 1) failed' },
    { stream: 'stdout', line: 'accuracy 0.5' },
  ]);
  await completeRun(t.deps.db, run.run_id, records);
  run = (await findRun(t.deps.db, run.run_id))!;
  const detail = await request(t.app).get(`/api/runs/${run.run_id}`);
  evalPath = (detail.body.artifacts as string[]).find((a) => a.endsWith('.eval'))!;
});
afterAll(async () => {
  await t.close();
});

describe('downloads', () => {
  test('config.json is the stored RunConfig', async () => {
    const res = await artifact(run.run_id, 'config.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="config.json"');
    expect(JSON.parse(res.body.toString())).toEqual(run.config);
  });

  test('summary.json is the Summary v1 of the run detail', async () => {
    const res = await artifact(run.run_id, 'summary.json');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const detail = await request(t.app).get(`/api/runs/${run.run_id}`);
    expect(JSON.parse(res.body.toString())).toEqual(detail.body.summary);
  });

  test('run.log has every line, tagged with its stream, in order', async () => {
    const res = await artifact(run.run_id, 'run.log');
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="run.log"');
    expect(res.body.toString()).toBe('[stdout] Starting mmlu\n[stderr] sample 3 (epoch 1) failed\n[stdout] accuracy 0.5\n');
  });

  test('samples.jsonl has one SampleRecord per line, in plan order', async () => {
    const res = await artifact(run.run_id, 'samples.jsonl');
    expect(res.headers['content-type']).toBe('application/x-ndjson');
    const lines = res.body.toString().trimEnd().split('\n');
    expect(lines.map((l: string) => JSON.parse(l))).toEqual(records);
  });

  test('results.csv has a row per sample and epoch, quoted where needed', async () => {
    const res = await artifact(run.run_id, 'results.csv');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="results.csv"');
    expect(res.body.toString()).toBe(
      'sample_id,epoch,score,answer,target,correct,error\r\n' +
        '1,1,1,B,B,true,\r\n' +
        '2,1,0,"He said ""B"", then\nC",C,false,\r\n' +
        '3,1,,,D,,"provider error: 500, ""upstream"""\r\n',
    );
  });

  test('the .eval log, unencoded or %2F-encoded, is an Inspect log of the run', async () => {
    expect(evalPath).toMatch(/^logs\/[^/]+_mmlu_[^/]+\.eval$/);
    const plain = await artifact(run.run_id, evalPath);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toBe('application/zip');
    expect(plain.headers['content-disposition']).toBe(`attachment; filename="${evalPath.slice('logs/'.length)}"`);
    const encoded = await artifact(run.run_id, encodeURIComponent(evalPath));
    expect(encoded.status).toBe(200);
    expect(encoded.headers['content-disposition']).toBe(plain.headers['content-disposition']);

    const log = readEvalLog(plain.body);
    expect(log.status).toBe('success');
    expect(log.eval).toMatchObject({
      eval_id: run.eval_id,
      run_id: run.run_id,
      task: 'mmlu',
      task_id: run.task_id,
      model: 'openai/gpt-4o',
      model_generate_config: { temperature: 0.5 },
      config: { limit: 3, epochs: 1 },
      scorers: [{ name: 'mcq_scorer' }],
    });
    expect(log.results).toMatchObject({
      total_samples: 3,
      completed_samples: 2,
      scores: [{ name: 'mcq_scorer', metrics: { accuracy: { name: 'accuracy', value: 0.5 } } }],
    });
    expect(log.results!.scores).toHaveLength(mmluResults(records).length);
    expect(log.stats.model_usage).toEqual({ 'openai/gpt-4o': { input_tokens: 200, output_tokens: 10, total_tokens: 210 } });
    expect(log.plan.steps.at(-1)).toEqual({ solver: 'generate', params: {} });
    expect(log.samples!.map((s) => [s.id, s.epoch, s.scores?.mcq_scorer?.value ?? null, s.error?.message ?? null])).toEqual([
      [1, 1, 'C', null],
      [2, 1, 'I', null],
      [3, 1, null, 'provider error: 500, "upstream"'],
    ]);
    expect(readEvalSampleSummaries(plain.body)).toHaveLength(3);
  });

  test('the log status follows the run: started while running, cancelled, error with its message', async () => {
    const other = await insertTestRun(t.deps.db, owner.userId);
    await markRunning(t.deps.db, other.run_id, 5);
    await insertSamples(t.deps.db, other.run_id, [mmluRecord(1)]);
    const path = async () => ((await request(t.app).get(`/api/runs/${other.run_id}`)).body.artifacts as string[]).find((a) => a.endsWith('.eval'))!;
    const read = async () => readEvalLog((await artifact(other.run_id, await path())).body);

    const running = await read();
    expect(running.status).toBe('started');
    expect(running.results).toBeUndefined();
    expect(running.samples).toHaveLength(1);

    await finishRun(t.deps.db, await holdOf(t.deps.db, other.run_id), { status: 'canceled' });
    expect((await read()).status).toBe('cancelled');

    await updateRunRow(t.deps.db, other.run_id, { status: 'failed', exit_code: 1, error: 'Invalid API key' });
    const failed = await read();
    expect(failed.status).toBe('error');
    expect(failed.error?.message).toBe('Invalid API key');
  });

  test('whoever holds the run id may download; a token that is sent must be valid', async () => {
    const stranger = await registerUser(t.app, 'stranger');
    expect((await artifact(run.run_id, 'config.json').set('Authorization', `Bearer ${stranger.token}`)).status).toBe(200);
    expect((await artifact(run.run_id, 'config.json').set('Authorization', 'Bearer garbage')).status).toBe(401);
    expect((await artifact(run.run_id, evalPath).set('Authorization', 'Bearer garbage')).status).toBe(401);
  });
});

describe('what is not an artifact', () => {
  test('a path the run does not have is 404 RESOURCE_NOT_FOUND, also a summary before the run ends', async () => {
    for (const path of ['nope.txt', 'stdout.log', 'logs/other.eval', 'config.json.bak', 'CONFIG.JSON', 'config%252Ejson']) {
      const res = await request(t.app).get(`/api/runs/${run.run_id}/artifacts/${path}`);
      expect([path, res.status, res.body.code]).toEqual([path, 404, 'RESOURCE_NOT_FOUND']);
    }
    const queued = await insertTestRun(t.deps.db, owner.userId);
    for (const path of ['summary.json', 'run.log', 'samples.jsonl', 'results.csv']) {
      expect((await request(t.app).get(`/api/runs/${queued.run_id}/artifacts/${path}`)).status).toBe(404);
    }
  });

  test('an unknown run is 404 RUN_NOT_FOUND', async () => {
    const res = await request(t.app).get('/api/runs/00000000-0000-4000-8000-000000000000/artifacts/config.json');
    expect(res.body.code).toBe('RUN_NOT_FOUND');
    const multi = await request(t.app).get(`/api/runs/00000000-0000-4000-8000-000000000000/artifacts/${evalPath}`);
    expect(multi.body.code).toBe('RUN_NOT_FOUND');
  });

  const NASTY = [
    '../../../etc/passwd',
    '..',
    '%2e%2e',
    '%2e%2e/%2e%2e/etc/passwd',
    '..%2F..%2Fetc%2Fpasswd',
    '%252e%252e%252fetc%252fpasswd',
    '%25252e%25252e%25252fetc',
    '%2Fetc%2Fpasswd',
    '..%5C..%5Cwindows%5Cwin.ini',
    'logs%5C..%5Cconfig.json',
    'C:%5Cwindows%5Cwin.ini',
    'config.json%00.eval',
    'logs/../config.json',
    'logs/..%2Fconfig.json',
    './config.json',
    'logs/%2e/x.eval',
    '....//....//etc/passwd',
    '..;/config.json',
    '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '.%2e/config.json',
  ];

  // eval-data also answers 422 for a path that is no .eval log before looking it up.
  test.each(NASTY)('%s is refused (403 or 404), never served or a 500', async (path) => {
    for (const [endpoint, allowed] of [
      ['artifacts', [403, 404]],
      ['eval-data', [403, 404, 422]],
    ] as const) {
      const res = await request(t.app).get(`/api/runs/${run.run_id}/${endpoint}/${path}`);
      expect(`${endpoint} ${res.status}`).toMatch(new RegExp(`^${endpoint} (${allowed.join('|')})$`));
      expect(['AUTHZ_FORBIDDEN', 'RESOURCE_NOT_FOUND', 'VALIDATION_ERROR']).toContain(res.body.code);
    }
  });

  test('traversal is 403 AUTHZ_FORBIDDEN, at any encoding depth', async () => {
    for (const path of ['../../../etc/passwd', '%2e%2e', '%252e%252e%252fetc', '%2Fetc%2Fpasswd', '..%5Cx', 'config.json%00', 'logs/..%2Fconfig.json']) {
      const res = await request(t.app).get(`/api/runs/${run.run_id}/artifacts/${path}`);
      expect([path, res.status, res.body.code]).toEqual([path, 403, 'AUTHZ_FORBIDDEN']);
    }
  });

  test('malformed percent-encoding is a client error', async () => {
    const res = await request(t.app).get(`/api/runs/${run.run_id}/artifacts/%c0%ae%c0%ae/config.json`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});

describe('eval-data', () => {
  let big: RunRow;
  let bigPath: string;
  const SAMPLES = 250;
  const longInput = (i: number) => `Question ${i}: ${'a long passage of context '.repeat(40)}end ${i}`;
  const bigRecords = Array.from({ length: SAMPLES }, (_, i) => mmluRecord(i + 1, { correct: i % 4 !== 0, input: longInput(i + 1) }));

  beforeAll(async () => {
    big = await insertTestRun(t.deps.db, owner.userId, { config: { limit: SAMPLES } });
    await markRunning(t.deps.db, big.run_id, SAMPLES);
    await insertSamples(t.deps.db, big.run_id, bigRecords);
    await completeRun(t.deps.db, big.run_id, bigRecords);
    bigPath = ((await request(t.app).get(`/api/runs/${big.run_id}`)).body.artifacts as string[]).find((a) => a.endsWith('.eval'))!;
  });

  const evalData = (runId: string, path: string, query: Record<string, string | number> = {}) =>
    request(t.app).get(`/api/runs/${runId}/eval-data/${path}`).query(query);

  test('the log header, flattened metrics and a first page of 100 samples', async () => {
    const res = await evalData(big.run_id, bigPath);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'success',
      eval_name: 'mmlu',
      model: 'openai/gpt-4o',
      dataset: 'mmlu',
      created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/),
      completed: expect.stringMatching(/\+00:00$/),
      total_samples: SAMPLES,
      config: { limit: SAMPLES, epochs: 1 },
      page: 1,
      per_page: 100,
      has_more: true,
    });
    expect(res.body.metrics).toEqual({
      accuracy: { value: 187 / 250, name: 'accuracy', reducer: null },
      stderr: { value: 0.05, name: 'stderr', reducer: null },
      physics_accuracy: { value: 0.5, name: 'physics_accuracy', reducer: null },
    });
    expect(res.body.samples).toHaveLength(100);
  });

  test('samples are complete (no 500-character cut) and scored with value_to_float', async () => {
    const res = await evalData(big.run_id, bigPath, { page: 1, per_page: 2 });
    expect(res.body.samples).toEqual([
      {
        id: 1,
        epoch: 1,
        input: longInput(1),
        target: 'B',
        output: 'ANSWER: C',
        score: { value: 0, raw: 'I', name: 'mcq_scorer', explanation: 'ANSWER: C' },
        answer: 'C',
        explanation: 'ANSWER: C',
        error: null,
      },
      {
        id: 2,
        epoch: 1,
        input: longInput(2),
        target: 'C',
        output: 'ANSWER: C',
        score: { value: 1, raw: 'C', name: 'mcq_scorer', explanation: 'ANSWER: C' },
        answer: 'C',
        explanation: 'ANSWER: C',
        error: null,
      },
    ]);
    expect(longInput(1).length).toBeGreaterThan(1000);
  });

  test('pages go past the first 100 samples, in run order', async () => {
    const third = await evalData(big.run_id, bigPath, { page: 3 });
    expect(third.body).toMatchObject({ page: 3, per_page: 100, has_more: false });
    expect(third.body.samples.map((s: { id: number }) => s.id)).toEqual(Array.from({ length: 50 }, (_, i) => 201 + i));
    const all = await evalData(big.run_id, bigPath, { per_page: 1000 });
    expect(all.body.samples).toHaveLength(SAMPLES);
    expect(all.body.has_more).toBe(false);
    expect((await evalData(big.run_id, bigPath, { per_page: 5000 })).body.per_page).toBe(1000);
    expect((await evalData(big.run_id, bigPath, { page: 0, per_page: 0 })).body).toMatchObject({ page: 1, per_page: 1 });
    expect((await evalData(big.run_id, bigPath, { page: 9 })).body).toMatchObject({ samples: [], has_more: false });
    expect((await evalData(big.run_id, encodeURIComponent(bigPath), { page: 2 })).body.samples[0].id).toBe(101);
    expect((await evalData(big.run_id, bigPath, { page: 'two' })).status).toBe(422);
    expect((await evalData(big.run_id, encodeURIComponent(bigPath), { page: 'two' })).status).toBe(422);
  });

  test('eval-data and the .eval download agree sample by sample', async () => {
    const log = readEvalLog((await artifact(big.run_id, bigPath)).body);
    const byId = new Map(log.samples!.map((s) => [s.id, s]));
    const data = await evalData(big.run_id, bigPath, { per_page: 1000 });
    for (const s of data.body.samples as { id: number; input: string; target: string; output: string; score: { raw: unknown } }[]) {
      const logged = byId.get(s.id)!;
      expect([s.input, s.target, s.output, s.score.raw]).toEqual([logged.input, logged.target, logged.output.completion, logged.scores!.mcq_scorer!.value]);
    }
  });

  test('a failed sample has its error and no score', async () => {
    const res = await evalData(run.run_id, evalPath);
    expect(res.body.samples[2]).toMatchObject({ id: 3, score: null, answer: null, error: 'provider error: 500, "upstream"' });
    expect(res.body.total_samples).toBe(3);
  });

  test('only the run’s .eval log: another file is 422, another .eval or a run without a log is 404', async () => {
    const notEval = await evalData(run.run_id, 'config.json');
    expect(notEval.status).toBe(422);
    expect(notEval.body.code).toBe('VALIDATION_ERROR');
    expect((await evalData(run.run_id, 'logs/other.eval')).body.code).toBe('RESOURCE_NOT_FOUND');
    expect((await evalData(run.run_id, bigPath)).body.code).toBe('RESOURCE_NOT_FOUND');
    const queued = await insertTestRun(t.deps.db, owner.userId);
    const queuedPath = evalPath.replace(run.task_id, queued.task_id);
    expect((await evalData(queued.run_id, queuedPath)).status).toBe(404);
    expect((await evalData('00000000-0000-4000-8000-000000000000', evalPath)).body.code).toBe('RUN_NOT_FOUND');
  });
});
