import request from 'supertest';
import type { RunRow } from '@studio/db';
import { createTestApp, type TestApp } from '../../test/test-app';
import { insertTestRun } from '../../test/run-fixtures';
import { registerUser, type TestUser } from '../../test/test-user.helper';

let t: TestApp;
let alice: TestUser;
let bob: TestUser;
/** Alice's runs, oldest first. */
const runs: RunRow[] = [];

const at = (day: number) => new Date(Date.UTC(2026, 0, day, 12, 0, 0));

beforeAll(async () => {
  t = await createTestApp();
  alice = await registerUser(t.app, 'alice');
  bob = await registerUser(t.app, 'bob');
  const specs = [
    { benchmark: 'mmlu', model: 'openai/gpt-4o', status: 'completed', tags: ['baseline', 'nightly'], notes: 'First pass', primary_metric: 0.7 },
    { benchmark: 'gsm8k', model: 'anthropic/claude-3-5-sonnet', status: 'failed', tags: ['nightly'], notes: null, primary_metric: null },
    { benchmark: 'mmlu', model: 'groq/llama-3.1-8b-instant', status: 'completed', tags: [], notes: 'Cheap model, 100% effort', primary_metric: 0.4 },
    { benchmark: 'hellaswag', model: 'openai/gpt-4o-mini', status: 'running', tags: ['Experimental-x'], notes: null, primary_metric: null },
    { benchmark: 'simpleqa', model: 'openai/gpt-4o', status: 'queued', tags: [], notes: null, primary_metric: null },
  ] as const;
  for (const [i, s] of specs.entries()) {
    const row = await insertTestRun(t.deps.db, alice.userId, {
      benchmark: s.benchmark,
      model: s.model,
      status: s.status,
      tags: [...s.tags],
      notes: s.notes,
      created_at: at(i + 1),
      primary_metric: s.primary_metric,
      primary_metric_name: s.primary_metric === null ? null : 'accuracy',
      finished_at: s.status === 'completed' || s.status === 'failed' ? at(i + 1) : null,
      // The first run's primary metric has an interval, beside another metric that must not be picked.
      metrics:
        i === 0
          ? JSON.stringify([
              { name: 'std', value: 0.46, stderr: null, ci_lower: null, ci_upper: null },
              { name: 'accuracy', value: 0.7, stderr: 0.0458, ci_lower: 0.6038, ci_upper: 0.7817 },
            ])
          : null,
    });
    runs.push(row);
  }
  await insertTestRun(t.deps.db, bob.userId, { tags: ['bobs-tag'], created_at: at(2), notes: 'First pass' });
  await insertTestRun(t.deps.db, null, { tags: ['legacy'], created_at: at(3) });
});
afterAll(async () => {
  await t.close();
});

function list(query: object = {}, as: TestUser | null = alice) {
  const req = request(t.app).get('/api/runs').query(query);
  if (as) req.set('Authorization', `Bearer ${as.token}`);
  return req;
}

const ids = (res: request.Response) => (res.body.runs as { run_id: string }[]).map((r) => r.run_id);
const idsOf = (...indexes: number[]) => indexes.map((i) => runs[i]!.run_id);

describe('visibility', () => {
  test('an anonymous caller sees no runs and no tags, not even runs without an owner', async () => {
    const res = await list({}, null);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ runs: [], total: 0, page: 1, per_page: 50, has_more: false });
    const tags = await request(t.app).get('/api/runs/tags');
    expect(tags.status).toBe(200);
    expect(tags.body).toEqual([]);
  });

  test('each user sees only their own runs and tags', async () => {
    const mine = await list();
    expect(mine.body.total).toBe(5);
    expect(ids(mine)).toEqual(idsOf(4, 3, 2, 1, 0));
    const his = await list({}, bob);
    expect(his.body.total).toBe(1);
    const tags = await request(t.app).get('/api/runs/tags').set('Authorization', `Bearer ${bob.token}`);
    expect(tags.body).toEqual(['bobs-tag']);
  });

  test('a token that is present must be valid', async () => {
    const res = await request(t.app).get('/api/runs').set('Authorization', 'Bearer not-a-token');
    expect(res.status).toBe(401);
  });
});

test('a run summary has the list fields', async () => {
  const res = await list({ sort_order: 'asc', per_page: 1 });
  expect(res.body.runs[0]).toEqual({
    run_id: runs[0]!.run_id,
    benchmark: 'mmlu',
    model: 'openai/gpt-4o',
    status: 'completed',
    created_at: '2026-01-01T12:00:00.000Z',
    started_at: null,
    finished_at: '2026-01-01T12:00:00.000Z',
    primary_metric: 0.7,
    primary_metric_name: 'accuracy',
    primary_metric_stderr: 0.0458,
    primary_metric_ci_lower: 0.6038,
    primary_metric_ci_upper: 0.7817,
    tags: ['baseline', 'nightly'],
    notes: 'First pass',
    total_tokens: null,
  });
});

describe('pagination', () => {
  test('pages of per_page runs with has_more = page * per_page < total', async () => {
    const first = await list({ per_page: 2 });
    expect(first.body).toMatchObject({ total: 5, page: 1, per_page: 2, has_more: true });
    expect(ids(first)).toEqual(idsOf(4, 3));
    const last = await list({ per_page: 2, page: 3 });
    expect(last.body).toMatchObject({ page: 3, has_more: false });
    expect(ids(last)).toEqual(idsOf(0));
    const beyond = await list({ per_page: 2, page: 4 });
    expect(beyond.body).toMatchObject({ runs: [], total: 5, has_more: false });
  });

  test('a filtered page counts every run the filter matches, not the page', async () => {
    const second = await list({ benchmark: 'mmlu', per_page: 1, page: 2 });
    expect(second.body).toMatchObject({ total: 2, page: 2, per_page: 1, has_more: false });
    expect(ids(second)).toEqual(idsOf(0));
    const beyond = await list({ benchmark: 'mmlu', per_page: 1, page: 3 });
    expect(beyond.body).toMatchObject({ runs: [], total: 2, has_more: false });
  });

  test.each([
    [{ page: 0 }, 1, 50],
    [{ page: -3 }, 1, 50],
    [{ per_page: 1000 }, 1, 100],
    [{ per_page: 0 }, 1, 1],
    [{ per_page: -1 }, 1, 1],
  ])('%j is clamped to page %i, per_page %i', async (query, page, perPage) => {
    const res = await list(query);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ page, per_page: perPage });
  });

  test.each([{ page: 'two' }, { per_page: '1.5' }])('%j is 422', async (query) => {
    const res = await list(query);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('VALIDATION_ERROR');
  });
});

describe('sorting', () => {
  test.each([
    [{}, [4, 3, 2, 1, 0]],
    [{ sort_order: 'asc' }, [0, 1, 2, 3, 4]],
    [{ sort_order: 'ASC' }, [0, 1, 2, 3, 4]],
    [{ sort_order: 'sideways' }, [4, 3, 2, 1, 0]],
    [{ sort_by: 'not-a-column' }, [4, 3, 2, 1, 0]],
    [{ sort_by: 'created_at; drop table runs' }, [4, 3, 2, 1, 0]],
    [{ sort_by: 'primary_metric' }, [0, 2]],
    [{ sort_by: 'primary_metric', sort_order: 'asc' }, [2, 0]],
  ])('%j orders the runs', async (query, order) => {
    const res = await list(query);
    expect(ids(res).slice(0, order.length)).toEqual(idsOf(...order));
  });

  test('by benchmark, model, status and finished_at', async () => {
    const field = async (sort_by: string, key: string) =>
      ((await list({ sort_by, sort_order: 'asc' })).body.runs as Record<string, unknown>[]).map((r) => r[key]);
    expect(await field('benchmark', 'benchmark')).toEqual(['gsm8k', 'hellaswag', 'mmlu', 'mmlu', 'simpleqa']);
    expect((await field('model', 'model'))[0]).toBe('anthropic/claude-3-5-sonnet');
    expect(await field('status', 'status')).toEqual(['completed', 'completed', 'failed', 'queued', 'running']);
    expect((await field('finished_at', 'finished_at')).slice(3)).toEqual([null, null]);
  });
});

describe('filters', () => {
  test.each([
    [{ status: 'completed' }, [2, 0]],
    [{ benchmark: 'mmlu' }, [2, 0]],
    [{ model: 'openai/gpt-4o' }, [4, 0]],
    [{ tag: 'nightly' }, [1, 0]],
    [{ tag: 'NIGHTLY' }, [1, 0]],
    [{ tag: 'night' }, []],
    [{ search: 'MMLU' }, [2, 0]],
    [{ search: 'claude' }, [1]],
    [{ search: 'first PASS' }, [0]],
    [{ search: 'experimental' }, [3]],
    [{ search: '100%' }, [2]],
    [{ search: '%' }, [2]],
    [{ search: '_' }, []],
    [{ status: 'completed', model: 'openai/gpt-4o' }, [0]],
    [{ started_after: '2026-01-03' }, [4, 3, 2]],
    [{ started_before: '2026-01-02T12:00:00' }, [1, 0]],
    [{ started_after: '2026-01-02T12:00:00Z', started_before: '2026-01-03T12:00:00Z' }, [2, 1]],
    [{ started_after: '2026-01-02T13:00:00+01:00' }, [4, 3, 2, 1]],
    [{ started_after: '2026-01-02T12:00:00.001Z' }, [4, 3, 2]],
  ])('%j', async (query, expected) => {
    const res = await list(query);
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual(idsOf(...expected));
    expect(res.body.total).toBe(expected.length);
  });

  test('dates before the year 100 are read as written, not as 19xx', async () => {
    const historian = await registerUser(t.app, 'historian');
    const ancient = await insertTestRun(t.deps.db, historian.userId, { created_at: new Date('0060-06-01T00:00:00Z') });
    for (const [query, expected] of [
      [{ started_after: '0050-01-01', started_before: '0070-01-01' }, [ancient.run_id]],
      [{ started_after: '0050-01-01T00:00:00Z', started_before: '0070-01-01T00:00:00Z' }, [ancient.run_id]],
      [{ started_before: '0059-12-31' }, []],
      [{ started_after: '0060-06-02' }, []],
    ] as const) {
      const res = await list(query, historian);
      expect([query, res.status, ids(res)]).toEqual([query, 200, expected]);
    }
  });

  test.each([
    { status: 'done' },
    { started_after: 'yesterday' },
    { started_after: '2026-02-30' },
    { started_before: '2026-01-01T25:00:00Z' },
    { started_before: '01/02/2026' },
  ])('%j is 422 naming the parameter', async (query) => {
    const res = await list(query);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('VALIDATION_ERROR');
    expect(res.body.detail).toContain(Object.keys(query)[0]);
  });
});

describe('tags', () => {
  const patch = (runId: string, tags: unknown, as: TestUser | null = alice) => {
    const req = request(t.app).patch(`/api/runs/${runId}/tags`);
    if (as) req.set('Authorization', `Bearer ${as.token}`);
    return req.send({ tags });
  };

  test('GET /api/runs/tags lists the caller’s tags sorted and unique', async () => {
    const res = await request(t.app).get('/api/runs/tags').set('Authorization', `Bearer ${alice.token}`);
    expect(res.body).toEqual(['Experimental-x', 'baseline', 'nightly']);
  });

  test('PATCH replaces the tags: trimmed, lower-cased, empty dropped, de-duplicated, sorted', async () => {
    const runId = runs[2]!.run_id;
    const res = await patch(runId, ['  Zeta ', 'alpha', 'ALPHA', '', '   ', 'beta']);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ tags: ['alpha', 'beta', 'zeta'] });
    const again = await list({ tag: 'zeta' });
    expect(ids(again)).toEqual([runId]);
    expect((await patch(runId, [])).body).toEqual({ tags: [] });
  });

  test('a running run can be tagged: tags are metadata', async () => {
    const res = await patch(runs[3]!.run_id, ['in-flight']);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ tags: ['in-flight'] });
  });

  test('limits: at most 50 tags of at most 64 characters (after normalising)', async () => {
    const runId = runs[1]!.run_id;
    expect((await patch(runId, Array.from({ length: 50 }, (_, i) => `t${i}`))).status).toBe(200);
    expect((await patch(runId, [...Array.from({ length: 50 }, (_, i) => `t${i}`), 'T0'])).status).toBe(200);
    expect((await patch(runId, [` ${'x'.repeat(64)} `])).status).toBe(200);
    for (const tags of [Array.from({ length: 51 }, (_, i) => `t${i}`), ['y'.repeat(65)]]) {
      const res = await patch(runId, tags);
      expect(res.status).toBe(422);
      expect(res.body.fields).toEqual([{ field: 'tags', message: expect.any(String) }]);
    }
  });

  test.each([[{ tags: [1] }], [{ tags: [['a']] }], [{}], [{ tags: [], extra: true }]])('body %j is 422', async (body) => {
    const res = await request(t.app).patch(`/api/runs/${runs[0]!.run_id}/tags`).set('Authorization', `Bearer ${alice.token}`).send(body);
    expect(res.status).toBe(422);
  });

  test('only the owner may change tags', async () => {
    const runId = runs[0]!.run_id;
    expect((await patch(runId, ['mine'], bob)).body.code).toBe('AUTHZ_FORBIDDEN');
    expect((await patch(runId, ['mine'], null)).status).toBe(401);
    expect((await patch('00000000-0000-4000-8000-000000000000', ['x'])).body.code).toBe('RUN_NOT_FOUND');
    const res = await list({ tag: 'mine' });
    expect(res.body.total).toBe(0);
  });
});

test('a run without an interval for its primary metric lists null for it, and no other metric leaks into the list', async () => {
  const res = await list({ sort_by: 'created_at', sort_order: 'asc' });
  const [first, second] = res.body.runs as Record<string, unknown>[];
  expect(second).toMatchObject({ primary_metric: null, primary_metric_stderr: null, primary_metric_ci_lower: null, primary_metric_ci_upper: null });
  expect(first).not.toHaveProperty('metrics');
});
