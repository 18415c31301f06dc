/**
 * How artifacts are served: Content-Length, ETag and ranges (what Inspect's log viewer needs to read a `.eval`
 * over HTTP), stored once per finished run for every gateway, rebuilt when the run changes, built per request
 * while the run is running, and bounded per process.
 */
import { randomBytes } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import request from 'supertest';
import { appendRunLogs, findRun, findStoredArtifact, type RunRow } from '@studio/db';
import { readEvalLog, type SampleRecord } from '@studio/engine';
import { createTestApp, listen, testEnv, type ListeningApp, type TestApp } from '../../test/test-app';
import { completeRun, insertSamples, insertTestRun, markRunning, mmluRecord } from '../../test/run-fixtures';
import { registerUser, type TestUser } from '../../test/test-user.helper';
import { processBuilds } from './run-artifact.store';

let t: TestApp;
let owner: TestUser;
let run: RunRow;
let evalPath: string;
let builds: string[];

/** Samples with incompressible text, so the `.eval` spans several storage chunks (1 MiB each). */
const SAMPLES = 700;
const records: SampleRecord[] = Array.from({ length: SAMPLES }, (_, i) =>
  mmluRecord(i + 1, { correct: i % 3 !== 0, input: `Question ${i + 1}: ${randomBytes(1500).toString('base64')}` }),
);

function bytes(req: request.Test): request.Test {
  return req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
}
const get = (runId: string, path: string, app = t.app) => bytes(request(app).get(`/api/runs/${runId}/artifacts/${path}`));
const head = (runId: string, path: string) => request(t.app).head(`/api/runs/${runId}/artifacts/${path}`);

async function finishedRun(recs: readonly SampleRecord[]): Promise<RunRow> {
  const row = await insertTestRun(t.deps.db, owner.userId, { config: { limit: recs.length } });
  await markRunning(t.deps.db, row.run_id, recs.length);
  await insertSamples(t.deps.db, row.run_id, recs);
  await appendRunLogs(t.deps.db, row.run_id, [{ stream: 'stdout', line: 'Starting mmlu' }]);
  await completeRun(t.deps.db, row.run_id, recs);
  return (await findRun(t.deps.db, row.run_id))!;
}

const evalPathOf = async (runId: string, app = t.app) =>
  ((await request(app).get(`/api/runs/${runId}`)).body.artifacts as string[]).find((a) => a.endsWith('.eval'))!;

/** Records every artifact build of an app (the store logs one line per build). */
function countBuilds(target: TestApp, into: string[]) {
  const info = target.deps.logger.info.bind(target.deps.logger);
  jest.spyOn(target.deps.logger, 'info').mockImplementation(((message: string, meta?: { run_id?: string; path?: string }) => {
    if (message === 'artifact built') into.push(`${meta?.run_id} ${meta?.path}`);
    return info(message, meta);
  }) as typeof target.deps.logger.info);
}

beforeAll(async () => {
  t = await createTestApp();
  builds = [];
  countBuilds(t, builds);
  owner = await registerUser(t.app, 'artifact-http');
  run = await finishedRun(records);
  evalPath = await evalPathOf(run.run_id);
});
afterAll(async () => {
  await t.close();
});

describe('headers', () => {
  test.each(['config.json', 'summary.json', 'run.log', 'samples.jsonl', 'results.csv', 'eval'])('%s: Content-Length, a strong ETag, Accept-Ranges', async (name) => {
    const path = name === 'eval' ? evalPath : name;
    const res = await get(run.run_id, path);
    expect(res.status).toBe(200);
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['transfer-encoding']).toBeUndefined();
    const again = await get(run.run_id, path);
    expect(again.headers.etag).toBe(res.headers.etag);
    expect(again.body.equals(res.body)).toBe(true);
  });

  test('HEAD answers the same headers without a body, and without building anything twice', async () => {
    const full = await get(run.run_id, evalPath);
    const before = builds.length;
    const res = await head(run.run_id, evalPath);
    expect(res.status).toBe(200);
    for (const h of ['content-length', 'etag', 'accept-ranges', 'content-type', 'content-disposition']) expect(res.headers[h]).toBe(full.headers[h]);
    expect(res.text ?? '').toBe('');
    const ranged = await head(run.run_id, evalPath).set('Range', 'bytes=-22');
    expect([ranged.status, ranged.headers['content-length'], ranged.headers['content-range']]).toEqual([206, '22', `bytes ${full.body.length - 22}-${full.body.length - 1}/${full.body.length}`]);
    expect(builds.length).toBe(before);
  });

  test('If-None-Match with the current ETag is 304 without a body; a stale one gets the artifact', async () => {
    const { headers } = await head(run.run_id, 'samples.jsonl');
    for (const condition of [headers.etag, `W/${headers.etag}`, `"other", ${headers.etag}`, '*']) {
      const res = await get(run.run_id, 'samples.jsonl').set('If-None-Match', condition);
      expect([condition, res.status, res.body.length]).toEqual([condition, 304, 0]);
      expect(res.headers.etag).toBe(headers.etag);
    }
    const stale = await get(run.run_id, 'samples.jsonl').set('If-None-Match', '"not-it"');
    expect(stale.status).toBe(200);
  });

  test('browsers on another origin may read the range headers', async () => {
    const res = await head(run.run_id, evalPath).set('Origin', 'http://localhost:5173').set('Range', 'bytes=0-9');
    const exposed = String(res.headers['access-control-expose-headers']).split(/,\s*/);
    expect(exposed).toEqual(expect.arrayContaining(['X-Request-Id', 'Content-Range', 'Content-Length', 'Accept-Ranges', 'ETag']));
  });
});

describe('ranges', () => {
  let whole: Buffer;
  beforeAll(async () => {
    whole = (await get(run.run_id, evalPath)).body;
    expect(whole.length).toBeGreaterThan(2.5 * 1024 * 1024);
  });
  const range = (value: string) => get(run.run_id, evalPath).set('Range', value);

  test.each([
    ['bytes=0-99', 0, 99],
    ['bytes=1048570-1048589', 1048570, 1048589],
    ['bytes=1000000-2200000', 1000000, 2200000],
    ['bytes=-22', -22, -1],
    ['bytes=2097152-', 2097152, -1],
    ['bytes=5-5', 5, 5],
  ])('%s is 206 with exactly those bytes (across storage chunks too)', async (value, from, to) => {
    const start = from < 0 ? whole.length + from : from;
    const end = to < 0 ? whole.length + to : to;
    const res = await range(value);
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/${whole.length}`);
    expect(Number(res.headers['content-length'])).toBe(end - start + 1);
    expect(res.body.equals(whole.subarray(start, end + 1))).toBe(true);
  });

  test('a range past the end is clipped; one starting past the end is 416 with the size', async () => {
    const clipped = await range(`bytes=${whole.length - 10}-${whole.length + 1000}`);
    expect([clipped.status, clipped.body.length]).toEqual([206, 10]);
    const res = await request(t.app).get(`/api/runs/${run.run_id}/artifacts/${evalPath}`).set('Range', `bytes=${whole.length}-`);
    expect(res.status).toBe(416);
    expect(res.headers['content-range']).toBe(`bytes */${whole.length}`);
    expect(res.body.code).toBe('VALIDATION_ERROR');
  });

  test('several ranges, a malformed one or a stale If-Range get the whole artifact; a matching If-Range the range', async () => {
    for (const value of ['bytes=0-1,10-11', 'bytes=abc', 'items=0-5']) {
      const res = await range(value);
      expect([value, res.status, res.body.length]).toEqual([value, 200, whole.length]);
    }
    const etag = (await head(run.run_id, evalPath)).headers.etag;
    expect((await range('bytes=0-9').set('If-Range', etag)).status).toBe(206);
    const stale = await range('bytes=0-9').set('If-Range', '"older"');
    expect([stale.status, stale.body.length]).toEqual([200, whole.length]);
  });

  test('Inspect’s log viewer can read the .eval over HTTP: size, central directory, then single members', async () => {
    // The viewer's remote ZIP reader: HEAD for the size, the end-of-central-directory record (last 22 bytes),
    // the central directory, then each member's local header and data, each with a Range request.
    const server: ListeningApp = await listen(t.app);
    try {
      const url = `${server.url}/api/runs/${run.run_id}/artifacts/${evalPath}`;
      const fetchRange = async (start: number, end: number) => {
        const res = await fetch(url, { headers: { Range: `bytes=${start}-${end}` } });
        expect(res.status).toBe(206);
        return Buffer.from(await res.arrayBuffer());
      };
      const size = Number((await fetch(url, { method: 'HEAD' })).headers.get('Content-Length'));
      expect(size).toBe(whole.length);
      const eocd = await fetchRange(size - 22, size - 1);
      expect(eocd.readUInt32LE(0)).toBe(0x06054b50);
      const cdSize = eocd.readUInt32LE(12);
      const cdOffset = eocd.readUInt32LE(16);
      const cd = await fetchRange(cdOffset, cdOffset + cdSize - 1);
      const entries = new Map<string, { method: number; compressed: number; offset: number }>();
      for (let at = 0; at < cd.length && cd.readUInt32LE(at) === 0x02014b50; ) {
        const nameLength = cd.readUInt16LE(at + 28);
        const name = cd.subarray(at + 46, at + 46 + nameLength).toString('utf8');
        entries.set(name, { method: cd.readUInt16LE(at + 10), compressed: cd.readUInt32LE(at + 20), offset: cd.readUInt32LE(at + 42) });
        at += 46 + nameLength + cd.readUInt16LE(at + 30) + cd.readUInt16LE(at + 32);
      }
      expect(entries.size).toBeGreaterThan(SAMPLES);
      const readMember = async (name: string) => {
        const entry = entries.get(name)!;
        const local = await fetchRange(entry.offset, entry.offset + 29);
        expect(local.readUInt32LE(0)).toBe(0x04034b50);
        const dataStart = entry.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
        const data = await fetchRange(dataStart, dataStart + entry.compressed - 1);
        return JSON.parse((entry.method === 8 ? inflateRawSync(data) : data).toString('utf8'));
      };
      const header = await readMember('header.json');
      expect(header).toMatchObject({ status: 'success', eval: { run_id: run.run_id, task: 'mmlu' } });
      const last = await readMember(`samples/${SAMPLES}_epoch_1.json`);
      expect(last.input).toBe(records[SAMPLES - 1]!.input);
      expect(last.scores.mcq_scorer.value).toBe(readEvalLog(whole).samples!.find((s) => s.id === SAMPLES)!.scores!.mcq_scorer!.value);
    } finally {
      await server.close();
    }
  });
});

describe('stored once for every gateway', () => {
  test('a finished run’s artifact is built on first request, stored, then served from storage', async () => {
    const fresh = await finishedRun(records.slice(0, 50));
    const path = await evalPathOf(fresh.run_id);
    expect(await findStoredArtifact(t.deps.db, fresh.run_id, path)).toBeUndefined();
    const first = await get(fresh.run_id, path);
    const stored = await findStoredArtifact(t.deps.db, fresh.run_id, path);
    expect(stored).toMatchObject({ size: first.body.length, etag: first.headers.etag });
    await get(fresh.run_id, path);
    await head(fresh.run_id, path);
    expect(builds.filter((b) => b === `${fresh.run_id} ${path}`)).toHaveLength(1);
    expect((await findStoredArtifact(t.deps.db, fresh.run_id, path))!.artifact_id).toBe(stored!.artifact_id);
    // Only the artifacts built from many rows are stored; config.json and summary.json come from the run row.
    await get(fresh.run_id, 'config.json');
    expect(await findStoredArtifact(t.deps.db, fresh.run_id, 'config.json')).toBeUndefined();
    // Deleting the run deletes what was stored for it.
    expect((await request(t.app).delete(`/api/runs/${fresh.run_id}`).set('Authorization', `Bearer ${owner.token}`)).status).toBe(200);
    expect(await findStoredArtifact(t.deps.db, fresh.run_id, path)).toBeUndefined();
  });

  test('concurrent requests on two gateways wait for one build and get the same bytes', async () => {
    const fresh = await finishedRun(records.slice(0, 300));
    const path = await evalPathOf(fresh.run_id);
    const second = await createTestApp(testEnv(), { database: t.database });
    const secondBuilds: string[] = [];
    countBuilds(second, secondBuilds);
    try {
      const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => get(fresh.run_id, path, i % 2 ? second.app : t.app)));
      expect(responses.map((r) => r.status)).toEqual(Array(8).fill(200));
      expect(new Set(responses.map((r) => r.headers.etag)).size).toBe(1);
      expect(responses.every((r) => r.body.equals(responses[0]!.body))).toBe(true);
      expect([...builds, ...secondBuilds].filter((b) => b === `${fresh.run_id} ${path}`)).toHaveLength(1);
      expect(readEvalLog(responses[0]!.body).samples).toHaveLength(300);
    } finally {
      await second.close();
    }
  });

  test('never stale: a tag edit or a late log line rebuilds what was stored', async () => {
    const fresh = await finishedRun(records.slice(0, 20));
    const path = await evalPathOf(fresh.run_id);
    await get(fresh.run_id, path);
    const before = await findStoredArtifact(t.deps.db, fresh.run_id, path);
    const tagged = await request(t.app).patch(`/api/runs/${fresh.run_id}/tags`).set('Authorization', `Bearer ${owner.token}`).send({ tags: ['baseline'] });
    expect(tagged.status).toBe(200);
    const after = await get(fresh.run_id, path);
    expect(after.status).toBe(200);
    const rebuilt = await findStoredArtifact(t.deps.db, fresh.run_id, path);
    expect(rebuilt!.artifact_id).not.toBe(before!.artifact_id);
    expect(rebuilt!.fingerprint).not.toBe(before!.fingerprint);
    expect(readEvalLog(after.body).samples).toHaveLength(20);

    expect((await get(fresh.run_id, 'run.log')).body.toString()).toBe('[stdout] Starting mmlu\n');
    await appendRunLogs(t.deps.db, fresh.run_id, [{ stream: 'stderr', line: 'a late line' }]);
    expect((await get(fresh.run_id, 'run.log')).body.toString()).toBe('[stdout] Starting mmlu\n[stderr] a late line\n');
  });
});

describe('a running run', () => {
  test('is built per request, not stored, with the same headers and ranges; once finished it is stored', async () => {
    const live = await insertTestRun(t.deps.db, owner.userId, { config: { limit: 4 } });
    await markRunning(t.deps.db, live.run_id, 4);
    await insertSamples(t.deps.db, live.run_id, records.slice(0, 2));
    const path = await evalPathOf(live.run_id);
    const first = await get(live.run_id, path);
    expect(first.status).toBe(200);
    expect(Number(first.headers['content-length'])).toBe(first.body.length);
    expect(readEvalLog(first.body)).toMatchObject({ status: 'started', samples: [expect.anything(), expect.anything()] });
    const tail = await get(live.run_id, path).set('Range', 'bytes=-22');
    expect(tail.status).toBe(206);
    expect(await findStoredArtifact(t.deps.db, live.run_id, path)).toBeUndefined();
    expect((await get(live.run_id, 'run.log')).headers['content-length']).toBe('0');
    expect((await get(live.run_id, 'run.log').set('Range', 'bytes=0-0')).status).toBe(416);

    await insertSamples(t.deps.db, live.run_id, records.slice(2, 4), 2);
    const grown = await get(live.run_id, path);
    expect(readEvalLog(grown.body).samples).toHaveLength(4);
    expect(grown.headers.etag).not.toBe(first.headers.etag);
    expect(builds.some((b) => b.startsWith(live.run_id))).toBe(false);

    await completeRun(t.deps.db, live.run_id, records.slice(0, 4));
    const done = await get(live.run_id, path);
    expect(readEvalLog(done.body).status).toBe('success');
    expect(await findStoredArtifact(t.deps.db, live.run_id, path)).toMatchObject({ etag: done.headers.etag });
  });
});

describe('bounded builds', () => {
  test('with every build slot busy and no queue, a build is refused with 503 and Retry-After; row artifacts still answer', async () => {
    const bounded = await createTestApp(testEnv({ ARTIFACT_BUILD_CONCURRENCY: '1', ARTIFACT_BUILD_QUEUE: '0' }), { database: t.database });
    let release!: () => void;
    const held = processBuilds(bounded.deps).slots.run(() => new Promise<void>((resolve) => (release = resolve)));
    try {
      const fresh = await finishedRun(records.slice(0, 5));
      const path = await evalPathOf(fresh.run_id, bounded.app);
      const refused = await request(bounded.app).get(`/api/runs/${fresh.run_id}/artifacts/${path}`);
      expect([refused.status, refused.body.code, refused.headers['retry-after']]).toEqual([503, 'SERVICE_UNAVAILABLE', '5']);
      expect((await request(bounded.app).get(`/api/runs/${fresh.run_id}/artifacts/config.json`)).status).toBe(200);
      release();
      await held;
      expect((await get(fresh.run_id, path, bounded.app)).status).toBe(200);
    } finally {
      release();
      await bounded.close();
    }
  });
});
