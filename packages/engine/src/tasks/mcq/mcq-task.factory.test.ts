import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cachePathFor, type DatasetRecord } from '@studio/datasets';
import { mcqMetrics, mcqTask } from './mcq-task.factory';
import { mmluTask } from './mmlu.task';

const FILES: Record<string, object[]> = {
  'https://example.org/valid.jsonl': [{ q: 'first' }, { q: 'second' }],
  'https://example.org/blank-input.jsonl': [{ q: 'first' }, { q: ' \u3000' }],
  'https://example.org/lower-case-target.jsonl': [{ q: 'first' }, { q: 'second', t: 'd' }],
  'https://example.org/several.jsonl': [{ q: ['a', 'b'] }, { q: [] }, { q: ['c'] }],
};
let cacheDir: string;

beforeAll(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'mcq-factory-'));
  for (const [url, records] of Object.entries(FILES)) {
    const path = cachePathFor(cacheDir, url);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, records.map((record) => JSON.stringify(record)).join('\n'));
  }
});

afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

function recordsBenchmark(url: string) {
  return mcqTask({
    benchmark: mmluTask.benchmark,
    dataset: { name: 'records', source: { url, format: 'jsonl' }, catalog: { source: url } },
    toSample: (record: DatasetRecord) => ({ input: String(record.q), target: String(record.t ?? 'A') }),
  });
}

function recordsTask(url: string) {
  return recordsBenchmark(url).create({});
}

test('samples are numbered 1..N in file order, as MCQEval auto_id does', async () => {
  await expect(recordsTask('https://example.org/valid.jsonl').dataset.load({ cacheDir, offline: true })).resolves.toEqual([
    { id: 1, input: 'first', target: 'A' },
    { id: 2, input: 'second', target: 'A' },
  ]);
});

test('a task of one sample per record loads its first samples alone, and the size of the whole dataset', async () => {
  const url = 'https://example.org/lower-case-target.jsonl';
  const task = mcqTask({
    benchmark: mmluTask.benchmark,
    dataset: { name: 'records', source: { url, format: 'jsonl' }, catalog: { source: url } },
    toSample: (record: DatasetRecord) => ({ input: String(record.q), target: String(record.t ?? 'A') }),
    oneSamplePerRecord: true,
  }).create({});
  // The second record's target is invalid: only a load that converts it fails.
  await expect(task.dataset.load({ cacheDir, offline: true })).rejects.toThrow(/record 2 of .*: target must be a single uppercase letter/);
  await expect(task.dataset.loadLeading!({ cacheDir, offline: true }, 1)).resolves.toEqual({ samples: [{ id: 1, input: 'first', target: 'A' }], total: 2 });
  await expect(task.dataset.loadLeading!({ cacheDir, offline: true }, 2)).rejects.toThrow(/record 2 of /);
  // A task whose records may give several samples has no such load.
  expect(recordsTask(url).dataset.loadLeading).toBeUndefined();
});

test('parts are numbered on across parts, or 1..N each when the task names its parts\' ids', async () => {
  const parts = [
    { key: 'one', source: { url: 'https://example.org/valid.jsonl', format: 'jsonl' as const } },
    { key: 'two', source: { url: 'https://example.org/valid.jsonl', format: 'jsonl' as const } },
  ];
  const combined = (partSampleId?: (part: string, id: number) => string) =>
    mcqTask({
      benchmark: mmluTask.benchmark,
      dataset: { name: 'combined', parts, catalog: { source: 'combined' } },
      toSample: (record: DatasetRecord, part?: string) => ({ input: `${part}: ${String(record.q)}`, target: 'A' }),
      ...(partSampleId ? { partSampleId } : {}),
    })
      .create({})
      .dataset.load({ cacheDir, offline: true });

  await expect(combined().then((samples) => samples.map(({ id, input }) => [id, input]))).resolves.toEqual([
    [1, 'one: first'],
    [2, 'one: second'],
    [3, 'two: first'],
    [4, 'two: second'],
  ]);
  await expect(combined((part, id) => `${part}_${id}`).then((samples) => samples.map(({ id }) => id))).resolves.toEqual([
    'one_1',
    'one_2',
    'two_1',
    'two_2',
  ]);
});

test('a record may give several samples or none; the samples are numbered 1..N across records, as Inspect flattens them', async () => {
  const url = 'https://example.org/several.jsonl';
  const task = mcqTask({
    benchmark: mmluTask.benchmark,
    dataset: { name: 'records', source: { url, format: 'jsonl' }, catalog: { source: url } },
    toSample: (record: DatasetRecord) => (record.q as string[]).map((q) => ({ input: [{ role: 'user' as const, content: q }], target: 'B' })),
  }).create({});
  await expect(task.dataset.load({ cacheDir, offline: true })).resolves.toEqual(
    ['a', 'b', 'c'].map((content, index) => ({ id: index + 1, input: [{ role: 'user', content }], target: 'B' })),
  );
});

test('a blank input (Python whitespace) fails the load and names the record, like an MCQSample validation error', async () => {
  const url = 'https://example.org/blank-input.jsonl';
  await expect(recordsTask(url).dataset.load({ cacheDir, offline: true })).rejects.toThrow(
    `mmlu: record 2 of ${url}: input must be a non-empty string`,
  );
});

test('a target that is not one upper-case letter fails the load', async () => {
  const url = 'https://example.org/lower-case-target.jsonl';
  await expect(recordsTask(url).dataset.load({ cacheDir, offline: true })).rejects.toThrow(
    `mmlu: record 2 of ${url}: target must be a single uppercase letter, got "d"`,
  );
});

test('the task takes its names from its catalog entry, which gets the MCQ scorer label and the dataset', () => {
  const url = 'https://example.org/valid.jsonl';
  expect(recordsTask(url)).toMatchObject({ name: 'mmlu', displayName: 'MMLU (cais/mmlu)', dataset: { name: 'records', location: url } });
  expect(recordsBenchmark(url).benchmark).toEqual({ ...mmluTask.benchmark, scorer: 'MCQ letter', dataset: { source: url } });
});

test('metrics are accuracy, stderr, std, then one grouped metric per group key', () => {
  expect(mcqMetrics().map((metric) => metric.name)).toEqual(['accuracy', 'stderr', 'std']);
  expect(mcqMetrics(['category', 'subject']).map((metric) => metric.name)).toEqual(['accuracy', 'stderr', 'std', 'grouped', 'grouped']);
});

test('an MCQ task takes no task argument: one given is refused, naming the task', () => {
  expect(() => mmluTask.create({ args: { split: 'train' } })).toThrow('mmlu does not accept task argument(s) split; it accepts none');
  expect(() => mmluTask.create({})).not.toThrow();
});
