import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FIXTURES_DIR } from '../test/fixture-server.helper';
import { cachePathFor } from './cache-path.util';
import { loadRecords, openRecords } from './dataset-records.service';
import { DatasetParseError, DatasetUnavailableError } from './dataset.errors';
import type { DatasetContext, DatasetSource } from './dataset.types';
import { hfFileUrl } from './hugging-face.util';

// Offline mode over a cache laid out by hand: the same way users on closed networks mirror datasets.
let ctx: DatasetContext;

beforeEach(async () => {
  ctx = { cacheDir: await mkdtemp(join(tmpdir(), 'datasets-offline-')), offline: true };
});

afterEach(async () => {
  await rm(ctx.cacheDir, { recursive: true, force: true });
});

async function place(url: string, content: Buffer | string): Promise<void> {
  const path = cachePathFor(ctx.cacheDir, url);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
}

async function placeFixture(url: string, fixture: string): Promise<void> {
  const path = cachePathFor(ctx.cacheDir, url);
  await mkdir(dirname(path), { recursive: true });
  await copyFile(join(FIXTURES_DIR, fixture), path);
}

const fixtureText = (fixture: string): Promise<string> => readFile(join(FIXTURES_DIR, fixture), 'utf8');

describe('openRecords offline', () => {
  it('throws DatasetUnavailableError naming the exact path to place the file at and the URL it mirrors', async () => {
    const url = hfFileUrl('openai/gsm8k', 'main/test-00000-of-00001.parquet');
    const expectedPath = join(
      ctx.cacheDir,
      'huggingface.co/datasets/openai/gsm8k/resolve/main/main/test-00000-of-00001.parquet',
    );

    const failure = loadRecords({ url, format: 'parquet' }, ctx);

    await expect(failure).rejects.toThrow(DatasetUnavailableError);
    await expect(failure).rejects.toThrow(`place a copy of ${url} at ${expectedPath}`);
    await expect(failure).rejects.toMatchObject({ url, path: expectedPath });
  });

  it('reads csv with a header row, quoted fields and a field spanning lines', async () => {
    const url = 'https://people.eecs.berkeley.edu/~hendrycks/data/test/college_chemistry_test.csv';
    await placeFixture(url, 'mmlu-college-chemistry-test.csv');

    const records = await loadRecords({ url, format: 'csv' }, ctx);

    expect(records).toHaveLength(4);
    expect(records[0]).toEqual({
      question: 'The rate, r, of a zero-order chemical reaction A → B can be expressed as which of the following?',
      choice0: 'r = k ln[A]',
      choice1: 'r = k [A]^2',
      choice2: 'r = k [A]',
      choice3: 'r = k',
      answer: '3',
    });
    expect(records[3].question).toBe(
      'When the following equation is balanced, which of the following is true?\n' +
        '__ MnO4− + __ I− + __ H+ <-> __ Mn2+ + __ IO3− + __ H2O',
    );
    expect(records[3].answer).toBe('1');
  });

  it('reads a headerless tsv with explicit column names (MGSM)', async () => {
    const url = 'https://openaipublic.blob.core.windows.net/simple-evals/mgsm_en.tsv';
    await placeFixture(url, 'mgsm-en.tsv');

    const records = await loadRecords({ url, format: 'tsv', csv: { header: ['question', 'answer'] } }, ctx);

    expect(records.map((record) => record.answer)).toEqual(['18', '3', '70000']);
    expect(records[1].question).toBe(
      'A robe takes 2 bolts of blue fiber and half that much white fiber.  How many bolts in total does it take?',
    );
  });

  it('keeps double quotes inside tsv fields as text', async () => {
    const url = 'https://openaipublic.blob.core.windows.net/simple-evals/mgsm_es.tsv';
    await placeFixture(url, 'mgsm-es.tsv');
    const [question, answer] = (await fixtureText('mgsm-es.tsv')).trimEnd().split('\t');

    const records = await loadRecords({ url, format: 'tsv', csv: { header: ['question', 'answer'] } }, ctx);

    expect(records).toEqual([{ question, answer }]);
    expect(question).toContain('"Todo por un dólar"');
  });

  it('keys records by column index when there are no column names', async () => {
    const url = 'https://openaipublic.blob.core.windows.net/simple-evals/mgsm_en.tsv';
    await placeFixture(url, 'mgsm-en.tsv');

    const records = await loadRecords({ url, format: 'tsv', csv: { header: false } }, ctx);

    expect(records[0]).toEqual({ '0': expect.stringMatching(/^Janet’s ducks/), '1': '18' });
  });

  it('reads jsonl line by line', async () => {
    const url = 'https://raw.githubusercontent.com/openai/grade-school-math/master/grade_school_math/data/test.jsonl';
    await placeFixture(url, 'gsm8k-test.jsonl');
    const expected = (await fixtureText('gsm8k-test.jsonl')).trimEnd().split('\n').map((line) => JSON.parse(line));

    const records = await loadRecords({ url, format: 'jsonl' }, ctx);

    expect(records).toEqual(expected);
    expect(records).toHaveLength(3);
    expect(records[0].answer).toMatch(/#### 18$/);
  });

  it('reads jsonl with CRLF line ends and blank lines', async () => {
    const url = 'https://example.org/gsm8k-crlf.jsonl';
    const text = await fixtureText('gsm8k-test.jsonl');
    await place(url, `\r\n${text.trimEnd().split('\n').join('\r\n\r\n')}\r\n`);

    const records = await loadRecords({ url, format: 'jsonl' }, ctx);

    expect(records).toEqual(text.trimEnd().split('\n').map((line) => JSON.parse(line)));
  });

  it('names the line of invalid jsonl', async () => {
    const url = 'https://example.org/broken.jsonl';
    const [first] = (await fixtureText('gsm8k-test.jsonl')).split('\n');
    await place(url, `${first}\n{"question": "cut off\n`);

    await expect(loadRecords({ url, format: 'jsonl' }, ctx)).rejects.toThrow(DatasetParseError);
    await expect(loadRecords({ url, format: 'jsonl' }, ctx)).rejects.toThrow(/invalid JSON in line 2/);
  });

  it('reads a json array at the document root', async () => {
    const url = 'https://raw.githubusercontent.com/sylinrl/TruthfulQA/main/data/mc_task.json';
    await placeFixture(url, 'truthfulqa-mc-task.json');

    const records = await loadRecords({ url, format: 'json' }, ctx);

    expect(records).toEqual(JSON.parse(await fixtureText('truthfulqa-mc-task.json')));
    expect(records[0].question).toBe('What happens to you if you eat watermelon seeds?');
  });

  it('reads json records under jsonPath', async () => {
    const url = 'https://raw.githubusercontent.com/suzgunmirac/BIG-Bench-Hard/main/bbh/boolean_expressions.json';
    await placeFixture(url, 'bbh-boolean-expressions.json');

    const records = await loadRecords({ url, format: 'json', jsonPath: ['examples'] }, ctx);

    expect(records).toEqual([
      { input: 'not ( True ) and ( True ) is', target: 'False' },
      { input: 'True and not not ( not False ) is', target: 'True' },
      { input: 'not True or False or ( False ) is', target: 'False' },
    ]);
  });

  it('names a jsonPath key that is missing', async () => {
    const url = 'https://raw.githubusercontent.com/suzgunmirac/BIG-Bench-Hard/main/bbh/boolean_expressions.json';
    await placeFixture(url, 'bbh-boolean-expressions.json');

    await expect(loadRecords({ url, format: 'json', jsonPath: ['data', 'rows'] }, ctx)).rejects.toThrow(
      /no key "data" at the document root/,
    );
    await expect(loadRecords({ url, format: 'json', jsonPath: ['canary'] }, ctx)).rejects.toThrow(
      /jsonPath \["canary"\] is not an array of records/,
    );
  });

  it('reads gzip-compressed jsonl', async () => {
    const url = 'https://github.com/openai/human-eval/raw/master/data/HumanEval.jsonl.gz';
    await placeFixture(url, 'humaneval-test.jsonl.gz');

    const records = await loadRecords({ url, format: 'jsonl', gzip: true }, ctx);

    expect(records.map((record) => record.task_id)).toEqual(['HumanEval/0', 'HumanEval/1']);
    expect(records[0].entry_point).toBe('has_close_elements');
  });

  it('fails with DatasetParseError when a gzip source is not gzip', async () => {
    const url = 'https://example.org/not-really.jsonl.gz';
    await placeFixture(url, 'gsm8k-test.jsonl');

    await expect(loadRecords({ url, format: 'jsonl', gzip: true }, ctx)).rejects.toThrow(DatasetParseError);
  });

  it('reads parquet across row groups, with int64 as numbers and lists as arrays', async () => {
    const url = hfFileUrl('cais/mmlu', 'college_chemistry/test-00000-of-00001.parquet');
    const csvUrl = 'https://example.org/college_chemistry_test.csv';
    await placeFixture(url, 'cais-mmlu-college-chemistry-test.parquet');
    await placeFixture(csvUrl, 'mmlu-college-chemistry-test.csv');

    const records = await loadRecords({ url, format: 'parquet' }, ctx);
    const rows = await loadRecords({ url: csvUrl, format: 'csv' }, ctx);

    expect(records).toEqual(
      rows.map((row) => ({
        question: row.question,
        subject: 'college_chemistry',
        choices: [row.choice0, row.choice1, row.choice2, row.choice3],
        answer: Number(row.answer),
      })),
    );
  });

  it.each(['ZSTD', 'GZIP', 'BROTLI'])('reads parquet whose pages are %s-compressed', async (codec) => {
    const fixture = `mmlu-college-chemistry-test.${codec.toLowerCase()}.parquet`;
    const { parquetMetadata } = await import('hyparquet');
    const bytes = await readFile(join(FIXTURES_DIR, fixture));
    const metadata = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const codecs = metadata.row_groups.flatMap((group) => group.columns.map((column) => column.meta_data?.codec));
    expect(new Set(codecs)).toEqual(new Set([codec]));
    const url = hfFileUrl('cais/mmlu', `college_chemistry/test-${codec}.parquet`);
    const snappyUrl = hfFileUrl('cais/mmlu', 'college_chemistry/test-00000-of-00001.parquet');
    await placeFixture(url, fixture);
    await placeFixture(snappyUrl, 'cais-mmlu-college-chemistry-test.parquet');

    const records = await loadRecords({ url, format: 'parquet' }, ctx);

    expect(records).toHaveLength(4);
    expect(records).toEqual(await loadRecords({ url: snappyUrl, format: 'parquet' }, ctx));
  });

  it('reads only the parquet columns asked for and never decompresses the others', async () => {
    // The evidence column's codec (LZO) has no decompressor: reading it fails.
    const url = 'https://example.org/mmlu-with-evidence.parquet';
    const snappyUrl = hfFileUrl('cais/mmlu', 'college_chemistry/test-00000-of-00001.parquet');
    await placeFixture(url, 'mmlu-college-chemistry-test.lzo-evidence.parquet');
    await placeFixture(snappyUrl, 'cais-mmlu-college-chemistry-test.parquet');
    await expect(loadRecords({ url, format: 'parquet' }, ctx)).rejects.toThrow(/unsupported compression codec: LZO/);

    const records = await loadRecords({ url, format: 'parquet', columns: ['question', 'answer'] }, ctx);

    const all = await loadRecords({ url: snappyUrl, format: 'parquet' }, ctx);
    expect(records).toEqual(all.map(({ question, answer }) => ({ question, answer })));
  });

  it('names a parquet column the file does not have', async () => {
    const url = hfFileUrl('cais/mmlu', 'college_chemistry/test-00000-of-00001.parquet');
    await placeFixture(url, 'cais-mmlu-college-chemistry-test.parquet');

    await expect(loadRecords({ url, format: 'parquet', columns: ['question', 'evidence'] }, ctx)).rejects.toThrow(
      /no column evidence in the file \(it has question, subject, choices, answer\)/,
    );
  });

  it('rejects columns for formats other than parquet', async () => {
    const source: DatasetSource = { url: 'https://example.org/x.csv', format: 'csv', columns: ['question'] };

    await expect(loadRecords(source, ctx)).rejects.toThrow(/columns selects parquet columns; it does not apply to csv/);
  });

  it('rejects gzip for parquet', async () => {
    const source: DatasetSource = { url: 'https://example.org/x.parquet', format: 'parquet', gzip: true };

    await expect(loadRecords(source, ctx)).rejects.toThrow(/parquet files compress internally/);
  });

  it('stops with the abort reason before parsing a cached file once the signal is aborted', async () => {
    const url = hfFileUrl('cais/mmlu', 'college_chemistry/test-00000-of-00001.parquet');
    await placeFixture(url, 'cais-mmlu-college-chemistry-test.parquet');
    const reason = new Error('run cancelled');

    const failure = loadRecords({ url, format: 'parquet' }, { ...ctx, signal: AbortSignal.abort(reason) });

    await expect(failure).rejects.toBe(reason);
  });

  it.each([
    ['jsonl', 'https://example.org/many.jsonl'],
    ['parquet', hfFileUrl('cais/mmlu', 'college_chemistry/test-00000-of-00001.parquet')],
  ] as const)('stops parsing %s at the next record once the signal aborts', async (format, url) => {
    if (format === 'parquet') await placeFixture(url, 'cais-mmlu-college-chemistry-test.parquet');
    else await place(url, Array.from({ length: 10_000 }, (_, i) => JSON.stringify({ question: `q${i}` })).join('\n'));
    const controller = new AbortController();
    const reason = new Error('run cancelled');
    const seen: unknown[] = [];

    const reading = (async () => {
      for await (const record of openRecords({ url, format }, { ...ctx, signal: controller.signal })) {
        seen.push(record);
        controller.abort(reason);
      }
    })();

    await expect(reading).rejects.toBe(reason);
    expect(seen).toHaveLength(1);
  });

  it('lets the consumer stop early', async () => {
    const url = 'https://raw.githubusercontent.com/openai/grade-school-math/master/grade_school_math/data/test.jsonl';
    await placeFixture(url, 'gsm8k-test.jsonl');

    const seen: unknown[] = [];
    for await (const record of openRecords({ url, format: 'jsonl' }, ctx)) {
      seen.push(record.question);
      break;
    }

    expect(seen).toEqual([expect.stringMatching(/^Janet’s ducks/)]);
  });
});

describe('loadRecords keeps a parsed file while it is unchanged', () => {
  const url = 'https://example.org/data/questions.csv';

  it('hands the same records to every caller while the file is unchanged, sharing one parse between callers at once', async () => {
    await place(url, 'question,answer\nq1,A\nq2,B\n');

    const [first, second] = await Promise.all([loadRecords({ url, format: 'csv' }, ctx), loadRecords({ url, format: 'csv' }, ctx)]);
    const later = await loadRecords({ url, format: 'csv' }, ctx);

    expect(first).toEqual([{ question: 'q1', answer: 'A' }, { question: 'q2', answer: 'B' }]);
    expect(second).toBe(first);
    expect(later).toBe(first);
  });

  it('parses the file again once it changed, even to contents of the same size', async () => {
    await place(url, 'question,answer\nq1,A\n');
    const before = await loadRecords({ url, format: 'csv' }, ctx);

    await place(url, 'question,answer\nq9,C\n');
    const after = await loadRecords({ url, format: 'csv' }, ctx);

    expect(before).toEqual([{ question: 'q1', answer: 'A' }]);
    expect(after).toEqual([{ question: 'q9', answer: 'C' }]);
  });

  it('parses a file read with other options on its own', async () => {
    await place(url, 'q1,A\n');

    const named = await loadRecords({ url, format: 'csv', csv: { header: ['question', 'answer'] } }, ctx);
    const numbered = await loadRecords({ url, format: 'csv', csv: { header: false } }, ctx);

    expect(named).toEqual([{ question: 'q1', answer: 'A' }]);
    expect(numbered).toEqual([{ 0: 'q1', 1: 'A' }]);
  });

  it('does not keep a failed parse: the fixed file is read on the next call', async () => {
    const jsonl = 'https://example.org/data/broken.jsonl';
    await place(jsonl, '{"question": "q1"}\n{not json\n');
    await expect(loadRecords({ url: jsonl, format: 'jsonl' }, ctx)).rejects.toThrow(DatasetParseError);

    await place(jsonl, '{"question": "q1"}\n');

    await expect(loadRecords({ url: jsonl, format: 'jsonl' }, ctx)).resolves.toEqual([{ question: 'q1' }]);
  });
});
