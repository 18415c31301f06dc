import http from 'node:http';
import request from 'supertest';
import { readEvalLog } from '@studio/engine';
import { createTestApp, listen, testEnv, type TestApp } from '../../test/test-app';
import { completeRun, insertSamples, insertTestRun, markRunning, mmluRecord } from '../../test/run-fixtures';
import { registerUser, type TestUser } from '../../test/test-user.helper';

let t: TestApp;
let owner: TestUser;
let other: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  owner = await registerUser(t.app, 'datasets');
  other = await registerUser(t.app, 'datasets-other');
});
afterAll(async () => {
  await t.close();
});

const MCQ = { name: 'Capitals', kind: 'multiple_choice', question: 'q', answer: 'ans', choice_columns: 'A,B,C,D', group: 'topic' };

function upload(body: string | Buffer, query: Record<string, string>, as: TestUser = owner, type = 'text/csv') {
  return request(t.app).post('/api/datasets').query(query).set('Authorization', `Bearer ${as.token}`).set('Content-Type', type).send(body);
}

async function storedCounts(): Promise<{ datasets: number; rows: number }> {
  const { db } = t.deps;
  const datasets = await db.selectFrom('datasets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await db.selectFrom('dataset_rows').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { datasets: Number(datasets.n), rows: Number(rows.n) };
}

/** Nothing stored by a refused upload: the tables hold what they held before. */
async function expectNothingStored(before: { datasets: number; rows: number }): Promise<void> {
  expect(await storedCounts()).toEqual(before);
}

describe('POST /api/datasets', () => {
  it('stores a CSV multiple_choice dataset (A–D columns, answers as letters or indices, groups) and shows it to its owner', async () => {
    const csv = 'q,A,B,C,D,ans,topic\r\nCapital of France?,Lyon,Paris,Nice,Lille,B,europe\r\n"Capital of\nJapan?",Osaka,Kyoto,Tokyo,Nara,2,asia\r\nCapital of Peru?,Lima,Cusco,Quito,Bogota,a,america\r\n';
    const res = await upload(csv, MCQ);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      slug: 'capitals',
      benchmark: 'custom/capitals',
      name: 'Capitals',
      kind: 'multiple_choice',
      format: 'csv',
      row_count: 3,
      has_groups: true,
      size_bytes: Buffer.byteLength(csv),
      grader_model: null,
      columns: { question: 'q', answer: 'ans', choice_columns: ['A', 'B', 'C', 'D'], group: 'topic' },
      schema: [
        { field: 'question', columns: ['q'], type: 'text' },
        { field: 'choices', columns: ['A', 'B', 'C', 'D'], type: 'texts' },
        { field: 'answer', columns: ['ans'], type: 'letter' },
        { field: 'group', columns: ['topic'], type: 'text' },
      ],
    });
    expect(res.body.preview).toEqual([
      { line: 2, question: 'Capital of France?', choices: ['Lyon', 'Paris', 'Nice', 'Lille'], answer: 'B', group: 'europe' },
      { line: 4, question: 'Capital of\nJapan?', choices: ['Osaka', 'Kyoto', 'Tokyo', 'Nara'], answer: 'C', group: 'asia' },
      { line: 5, question: 'Capital of Peru?', choices: ['Lima', 'Cusco', 'Quito', 'Bogota'], answer: 'A', group: 'america' },
    ]);

    const list = await request(t.app).get('/api/datasets').set('Authorization', `Bearer ${owner.token}`);
    expect(list.status).toBe(200);
    expect(list.body.datasets.map((d: { slug: string }) => d.slug)).toContain('capitals');
    const one = await request(t.app).get(`/api/datasets/${res.body.dataset_id}`).set('Authorization', `Bearer ${owner.token}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(res.body);
  });

  it('stores JSON Lines for exact_match/f1 (a list or |-separated answers), numeric and model_graded', async () => {
    const qa = '{"question": "Largest planet?", "answers": ["Jupiter", "jupiter planet"]}\n\n{"question": "Red planet?", "answers": "Mars|the red planet"}\n';
    const f1 = await upload(qa, { name: 'Planets', slug: 'planets-f1', kind: 'f1', question: 'question', answer: 'answers' }, owner, 'application/x-ndjson');
    expect(f1.status).toBe(201);
    expect(f1.body.preview).toEqual([
      { line: 1, question: 'Largest planet?', answer: ['Jupiter', 'jupiter planet'] },
      { line: 3, question: 'Red planet?', answer: ['Mars', 'the red planet'] },
    ]);
    const numeric = await upload('question,n\nTwo plus two?,4\nA thousand?,"1,000"\n', { name: 'Sums', kind: 'numeric', question: 'question', answer: 'n' });
    expect(numeric.status).toBe(201);
    expect(numeric.body.preview.map((r: { answer: string }) => r.answer)).toEqual(['4', '1000']);
    const graded = await upload('{"q": "Why is the sky blue?", "ref": "Rayleigh scattering"}\n', {
      name: 'Physics essays',
      kind: 'model_graded',
      question: 'q',
      answer: 'ref',
      grader_model: 'openai/gpt-4o-mini',
      rubric: 'Accept any answer naming the scattering of light.',
    }, owner, 'application/x-ndjson');
    expect(graded.status).toBe(201);
    expect(graded.body).toMatchObject({ grader_model: 'openai/gpt-4o-mini', rubric: 'Accept any answer naming the scattering of light.', row_count: 1 });
  });

  it('refuses a row with 3 of 4 choices, and every other bad row, with its line and reason; nothing is stored', async () => {
    const before = await storedCounts();
    const csv = [
      'q,A,B,C,D,ans,topic',
      'Fine?,w,x,y,z,A,t',
      'Three choices?,w,x,y,,B,t',
      'Bad letter?,w,x,y,z,E,t',
      'No group?,w,x,y,z,A,',
      'Too short,w',
      'Fine again?,w,x,y,z,3,t',
    ].join('\n');
    const res = await upload(csv, { ...MCQ, slug: 'bad-rows' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('VALIDATION_ERROR');
    expect(res.body.detail).toBe('4 rows are invalid; nothing was stored');
    expect(res.body.rows).toEqual([
      { line: 3, reason: 'choice D ("D") is empty' },
      { line: 4, reason: 'answer "E" is not one of the 4 choices (A–D, or 0–3)' },
      { line: 5, reason: '"topic" is empty' },
      { line: 6, reason: 'has 2 fields; the header has 7' },
    ]);
    await expectNothingStored(before);
    const list = await request(t.app).get('/api/datasets').set('Authorization', `Bearer ${owner.token}`);
    expect(list.body.datasets.map((d: { slug: string }) => d.slug)).not.toContain('bad-rows');
  });

  it('lists the first 100 bad rows and counts them all; JSON Lines rows that are not objects are bad rows too', async () => {
    const before = await storedCounts();
    const lines = ['{"q": "ok", "a": "1"}', 'not json', '[1, 2]', ...Array.from({ length: 150 }, (_, i) => `{"q": "Q${i}", "a": "-${i + 1}"}`)];
    const res = await upload(lines.join('\n'), { name: 'n', kind: 'numeric', question: 'q', answer: 'a' }, owner, 'application/x-ndjson');
    expect(res.status).toBe(422);
    expect(res.body.detail).toBe('152 rows are invalid (the first 100 are listed); nothing was stored');
    expect(res.body.rows).toHaveLength(100);
    expect(res.body.rows[0].line).toBe(2);
    expect(res.body.rows[0].reason).toMatch(/^not valid JSON/);
    expect(res.body.rows[1]).toEqual({ line: 3, reason: 'must be a JSON object' });
    expect(res.body.rows[2]).toEqual({ line: 4, reason: '"a" must be a non-negative integer, got "-1"' });
    await expectNothingStored(before);
  });

  it('refuses a file that is not UTF-8, naming the line', async () => {
    const before = await storedCounts();
    const latin1 = Buffer.concat([Buffer.from('q,A,B,C,D,ans,topic\nFine?,w,x,y,z,A,t\nCaf'), Buffer.from([0xe9]), Buffer.from('?,w,x,y,z,A,t\n')]);
    const res = await upload(latin1, { ...MCQ, slug: 'latin1' });
    expect(res.status).toBe(422);
    expect(res.body.detail).toBe('line 3 is not valid UTF-8: upload the file encoded as UTF-8; nothing was stored');
    await expectNothingStored(before);
  });

  it('refuses a CSV whose header lacks a mapped column', async () => {
    const before = await storedCounts();
    const res = await upload('q,A,B,C,ans,topic\nx,w,x,y,A,t\n', { ...MCQ, slug: 'no-d' });
    expect(res.status).toBe(422);
    expect(res.body.detail).toBe('The CSV header has no column "D"; it has "q", "A", "B", "C", "ans", "topic"; nothing was stored');
    await expectNothingStored(before);
  });

  it('refuses broken CSV quoting, and a quoted field that grows past 4 MB', async () => {
    const before = await storedCounts();
    const open = await upload('q,a\nQ1,1\n"Q2,2\nQ3,3\n', { name: 'Quotes', kind: 'numeric', question: 'q', answer: 'a' });
    expect(open.status).toBe(422);
    expect(open.body.detail).toMatch(/^The file is not valid CSV at line \d+: .*; nothing was stored$/);
    // 5 MB in one field of 1 KB lines: no line is too long, the record is.
    const huge = await upload(`q,a\n"${`${'x'.repeat(1023)}\n`.repeat(5 * 1024)}",1\n`, { name: 'Quotes', kind: 'numeric', question: 'q', answer: 'a' });
    expect(huge.status).toBe(422);
    expect(huge.body.detail).toMatch(/^The file is not valid CSV at line \d+: .*maximum.*; nothing was stored$/i);
    await expectNothingStored(before);
  });

  it('refuses 200,001 rows and stores none of them', async () => {
    const before = await storedCounts();
    const rows = Array.from({ length: 200_001 }, (_, i) => `Q${i},${i}`);
    const res = await upload(`q,a\n${rows.join('\n')}\n`, { name: 'Big', kind: 'numeric', question: 'q', answer: 'a' });
    expect(res.status).toBe(422);
    expect(res.body.detail).toBe('The file has more than 200,000 rows; nothing was stored');
    await expectNothingStored(before);
  }, 180_000);

  it('stores exactly 200,000 rows', async () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => `Q${i},${i}`);
    const res = await upload(`q,a\n${rows.join('\n')}\n`, { name: 'Biggest allowed', kind: 'numeric', question: 'q', answer: 'a' });
    expect(res.status).toBe(201);
    expect(res.body.row_count).toBe(200_000);
    expect(res.body.preview).toHaveLength(20);
    const del = await request(t.app).delete(`/api/datasets/${res.body.dataset_id}`).set('Authorization', `Bearer ${owner.token}`);
    expect(del.status).toBe(204);
  }, 180_000);

  it('refuses a 60 MB file with 413, declared or streamed without a length, and stores nothing', async () => {
    const before = await storedCounts();
    // Rows of 1 KiB: 60 MB in 61,440 rows, well under the row limit, so the size is what is refused.
    const line = `${'Q'.repeat(1021)},1\n`;
    const sixty = Buffer.from('q,a\n' + line.repeat((60 * 1024 * 1024) / line.length));
    const declared = await upload(sixty, { name: 'Huge', kind: 'numeric', question: 'q', answer: 'a' });
    expect(declared.status).toBe(413);
    expect(declared.body.code).toBe('PAYLOAD_TOO_LARGE');

    // Chunked: the size is only known while reading, and the refusal comes once 50 MB have been read.
    const server = await listen(t.app);
    try {
      const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request(`${server.url}/api/datasets?name=Huge&kind=numeric&question=q&answer=a`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'text/csv', 'Transfer-Encoding': 'chunked' },
        });
        req.on('response', (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, body: text }));
        });
        req.on('error', reject);
        const step = 1024 * 1024;
        let offset = 0;
        const write = () => {
          while (offset < sixty.length) {
            const ok = req.write(sixty.subarray(offset, offset + step));
            offset += step;
            if (!ok) return void req.once('drain', write);
          }
          req.end();
        };
        write();
      });
      expect(status).toBe(413);
      expect(JSON.parse(body)).toEqual({ code: 'PAYLOAD_TOO_LARGE', detail: 'The file is larger than 50 MB; nothing was stored' });
    } finally {
      await server.close();
    }
    await expectNothingStored(before);
  }, 180_000);

  it('refuses what it cannot read: another content type or charset, an unknown kind, missing mappings, a slug in use', async () => {
    expect((await upload('{}', MCQ, owner, 'application/json')).status).toBe(415);
    expect((await upload('q\n', MCQ, owner, 'text/csv; charset=latin1')).status).toBe(415);
    const badKind = await upload('q\n', { ...MCQ, kind: 'essay' });
    expect(badKind.status).toBe(422);
    const noChoices = await upload('q\n', { name: 'x', kind: 'multiple_choice', question: 'q', answer: 'a' });
    expect(noChoices.body.fields).toEqual([{ field: 'choices', message: expect.stringMatching(/either choices/) }]);
    const noGrader = await upload('q\n', { name: 'x', kind: 'model_graded', question: 'q', answer: 'a' });
    expect(noGrader.body.fields[0].field).toBe('grader_model');
    const again = await upload('q,A,B,C,D,ans,topic\nx,w,x,y,z,A,t\n', MCQ);
    expect(again.status).toBe(422);
    expect(again.body.fields[0].field).toBe('slug');
    expect((await request(t.app).post('/api/datasets').query(MCQ).set('Content-Type', 'text/csv').send('q\n')).status).toBe(401);
  });
});

describe('owner only', () => {
  let datasetId: string;
  beforeAll(async () => {
    const res = await upload('q,A,B,C,D,ans,topic\nx,w,x,y,z,A,t\n', { ...MCQ, slug: 'private' });
    datasetId = res.body.dataset_id;
  });

  it('another user cannot read, run or delete it', async () => {
    const get = await request(t.app).get(`/api/datasets/${datasetId}`).set('Authorization', `Bearer ${other.token}`);
    expect(get.status).toBe(404);
    expect(get.body.code).toBe('DATASET_NOT_FOUND');
    const list = await request(t.app).get('/api/datasets').set('Authorization', `Bearer ${other.token}`);
    expect(list.body.datasets).toEqual([]);
    const run = await request(t.app).post('/api/runs').set('Authorization', `Bearer ${other.token}`).send({ benchmark: 'custom/private', model: 'mockllm/default' });
    expect(run.status).toBe(422);
    expect(run.body.fields).toEqual([{ field: 'benchmark', message: 'you have no dataset "custom/private"; see GET /api/datasets' }]);
    const del = await request(t.app).delete(`/api/datasets/${datasetId}`).set('Authorization', `Bearer ${other.token}`);
    expect(del.status).toBe(404);
    expect((await request(t.app).get(`/api/datasets/${datasetId}`).set('Authorization', `Bearer ${owner.token}`)).status).toBe(200);
  });

  it('its owner runs it as custom/<slug>; deleting it is refused while that run is queued or running', async () => {
    const run = await request(t.app).post('/api/runs').set('Authorization', `Bearer ${owner.token}`).send({ benchmark: 'custom/private', model: 'mockllm/default' });
    expect(run.status).toBe(200);
    const stored = await t.deps.db.selectFrom('runs').select(['benchmark', 'config']).where('run_id', '=', run.body.run_id).executeTakeFirstOrThrow();
    expect(stored.benchmark).toBe('custom/private');
    const graded = await request(t.app)
      .post('/api/runs')
      .set('Authorization', `Bearer ${owner.token}`)
      .send({ benchmark: 'custom/private', model: 'mockllm/default', grader_model: 'mockllm/default' });
    expect(graded.body.fields[0].field).toBe('grader_model');

    const refused = await request(t.app).delete(`/api/datasets/${datasetId}`).set('Authorization', `Bearer ${owner.token}`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('DATASET_IN_USE');
    await t.deps.db.updateTable('runs').set({ status: 'running' }).where('run_id', '=', run.body.run_id).execute();
    expect((await request(t.app).delete(`/api/datasets/${datasetId}`).set('Authorization', `Bearer ${owner.token}`)).status).toBe(409);
    await t.deps.db.updateTable('runs').set({ status: 'completed' }).where('run_id', '=', run.body.run_id).execute();
    const deleted = await request(t.app).delete(`/api/datasets/${datasetId}`).set('Authorization', `Bearer ${owner.token}`);
    expect(deleted.status).toBe(204);
    expect((await request(t.app).get(`/api/datasets/${datasetId}`).set('Authorization', `Bearer ${owner.token}`)).status).toBe(404);
    expect(await t.deps.db.selectFrom('dataset_rows').select('idx').where('dataset_id', '=', datasetId).execute()).toEqual([]);
  });

  it('a finished run of a dataset has its artifacts, and its .eval log describes the dataset’s task', async () => {
    const upload_ = await upload('q,A,B,C,D,ans,topic\nx,w,x,y,z,A,t\n', { ...MCQ, name: 'Logged quiz', slug: 'logged' });
    expect(upload_.status).toBe(201);
    const run = await insertTestRun(t.deps.db, owner.userId, { benchmark: 'custom/logged' });
    const records = [mmluRecord(1), mmluRecord(2, { correct: false })];
    await markRunning(t.deps.db, run.run_id, records.length);
    await insertSamples(t.deps.db, run.run_id, records);
    await completeRun(t.deps.db, run.run_id, records);
    const detail = await request(t.app).get(`/api/runs/${run.run_id}`);
    const evalPath = (detail.body.artifacts as string[]).find((a) => a.endsWith('.eval'))!;
    expect(evalPath).toMatch(/^logs\/.*_logged_.*\.eval$/);
    const res = await request(t.app).get(`/api/runs/${run.run_id}/artifacts/${evalPath}`).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    const log = readEvalLog(new Uint8Array(res.body as Buffer));
    expect(log.eval).toMatchObject({ task: 'custom/logged', task_display_name: 'Logged quiz', dataset: { name: 'custom/logged', location: 'custom/logged' } });
    expect(log.eval.scorers?.[0]).toMatchObject({ name: 'mcq_scorer' });
    expect(log.samples).toHaveLength(2);
    const evalData = await request(t.app).get(`/api/runs/${run.run_id}/eval-data/${evalPath}`);
    expect(evalData.body).toMatchObject({ eval_name: 'custom/logged', dataset: 'custom/logged', total_samples: 2 });
    const samples = await request(t.app).get(`/api/runs/${run.run_id}/samples`);
    expect(samples.body.counts).toMatchObject({ all: 2, correct: 1, incorrect: 1 });
    for (const artifact of ['config.json', 'summary.json', 'samples.jsonl', 'results.csv'])
      expect((await request(t.app).get(`/api/runs/${run.run_id}/artifacts/${artifact}`)).status).toBe(200);
  });

  it('answers 404 for an id that is not a UUID', async () => {
    expect((await request(t.app).get('/api/datasets/not-a-uuid').set('Authorization', `Bearer ${owner.token}`)).status).toBe(404);
    expect((await request(t.app).delete('/api/datasets/not-a-uuid').set('Authorization', `Bearer ${owner.token}`)).status).toBe(404);
  });
});

test('uploads are rate limited per user', async () => {
  const limited = await createTestApp(testEnv({ RATE_LIMIT_DATASETS_PER_USER: '1' }));
  try {
    const user = await registerUser(limited.app, 'datasets-rl');
    const send = (slug: string) =>
      request(limited.app).post('/api/datasets').query({ ...MCQ, slug }).set('Authorization', `Bearer ${user.token}`).set('Content-Type', 'text/csv').send('q,A,B,C,D,ans,topic\nx,w,x,y,z,A,t\n');
    expect((await send('first')).status).toBe(201);
    const second = await send('second');
    expect(second.status).toBe(429);
    expect(second.body.code).toBe('RATE_LIMITED');
  } finally {
    await limited.close();
  }
});
