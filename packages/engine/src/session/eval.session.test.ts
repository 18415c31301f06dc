import { RunConfigSchema } from '@studio/contracts';
import { cachePathFor } from '@studio/datasets';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { newEvalLogIdentity } from './eval-log-spec.builder';
import { MMLU_CSV_URL } from '../tasks/mcq/mmlu.task';
import type { GenerateResult } from '@studio/providers';
import { runEval } from '../runner';
import type { Generator, Sample, SampleRecord } from '../types';
import { evalSettings, type EvalSettings } from './eval-settings';
import { EvalSession } from './eval.session';
import type { StoredSample } from './stored-results.builder';

/** Three GSM8K-shaped questions whose answer is their id times 10. */
const SAMPLES: Sample[] = [1, 2, 3].map((id) => ({ id, input: `What is ${id} times 10?`, target: String(id * 10), metadata: { answer_prefix: 'Answer' } }));

/** Right about 1 and 3; on 2 wrong, or (`flaky`) right every other call so that epochs disagree. */
function model(flaky = true): Generator & { calls: string[] } {
  const calls: string[] = [];
  let second = 0;
  return {
    model: 'fake/model',
    calls,
    async generate(messages): Promise<GenerateResult> {
      const prompt = messages.at(-1)!.content as string;
      calls.push(prompt);
      const id = Number(/What is (\d+)/.exec(prompt)![1]);
      const right = id !== 2 || (flaky && second++ % 2 === 0);
      return { completion: `Answer: ${right ? id * 10 : 0}`, stop_reason: 'stop', usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15 }, model: 'model', time_ms: 1, retries: 0 };
    },
  };
}

const settings = (given: Partial<EvalSettings> = {}): EvalSettings => evalSettings({ benchmark: 'gsm8k', model: 'fake/model', ...given });

/** A record as the worker reads it back: ids are stored as text. */
const stored = (record: SampleRecord): StoredSample => ({ sample_id: String(record.sample_id), epoch: record.epoch, scores: record.scores, error: record.error });

describe('EvalSession.open', () => {
  test('refuses what the registry refuses', () => {
    expect(() => EvalSession.open(settings({ benchmark: 'no_such_benchmark' }))).toThrow('Benchmark "no_such_benchmark" is not runnable by this engine');
    expect(() => EvalSession.open(settings({ task_args: { splt: 'train' } }))).toThrow('gsm8k does not accept task argument(s) splt; it accepts split');
  });

  test('the run’s grader replaces the task’s default; a RunConfig opens as it is stored', () => {
    expect(EvalSession.open(settings({ benchmark: 'simpleqa' })).graderModel).toBe('openai/gpt-4.1-2025-04-14');
    const config = RunConfigSchema.parse({ benchmark: 'simpleqa', model: 'openai/gpt-4o', grader_model: 'openai/gpt-4o-mini' });
    expect(EvalSession.open(config).graderModel).toBe('openai/gpt-4o-mini');
    expect(EvalSession.open(settings()).graderModel).toBeUndefined();
  });
});

describe('plan and runner options', () => {
  test('an unset option takes its default here: the task’s epochs and reducers, 10 connections, no limit', () => {
    const session = EvalSession.open(settings());
    expect(session.plan(SAMPLES).map((i) => [i.sample.id, i.epoch])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
    const options = session.runOptions({ model: model(), samples: SAMPLES });
    expect(options).toMatchObject({ limit: undefined, epochs: 1, reducers: undefined, maxConnections: 10, seed: undefined, config: {}, failOnError: undefined });
  });

  test('set options reach the plan and the runner', () => {
    const session = EvalSession.open(
      settings({ limit: [1, 3], epochs: 2, epochs_reducer: ['max'], max_connections: 3, temperature: 0.7, seed: 4, reasoning_effort: 'low', fail_on_error: 0.5 }),
    );
    expect(session.plan(SAMPLES).map((i) => [i.sample.id, i.epoch])).toEqual([
      [2, 1],
      [3, 1],
      [2, 2],
      [3, 2],
    ]);
    expect(session.runOptions({ model: model(), samples: SAMPLES })).toMatchObject({
      limit: [1, 3],
      epochs: 2,
      reducers: ['max'],
      maxConnections: 3,
      seed: 4,
      config: { temperature: 0.7, seed: 4, reasoning_effort: 'low' },
      failOnError: 0.5,
    });
  });

  test('model clients get the run’s connections, timeout and retries, else the host’s defaults', () => {
    const host = { timeoutMs: 600_000, maxRetries: 6 };
    expect(EvalSession.open(settings()).modelClientOptions(host)).toEqual({ model: 'fake/model', maxConnections: 10, maxRetries: 6, timeoutMs: 600_000 });
    const session = EvalSession.open(
      settings({ benchmark: 'simpleqa', max_connections: 4, timeout: 30, max_retries: 1, model_base_url: 'http://127.0.0.1:9/v1', grader_model: 'openai/grader' }),
    );
    expect(session.modelClientOptions(host)).toEqual({ model: 'fake/model', maxConnections: 4, maxRetries: 1, timeoutMs: 30_000, baseUrl: 'http://127.0.0.1:9/v1' });
    // The base URL is the evaluated model's only.
    expect(session.graderClientOptions(host)).toEqual({ model: 'openai/grader', maxConnections: 4, maxRetries: 1, timeoutMs: 30_000 });
    expect(EvalSession.open(settings()).graderClientOptions(host)).toBeUndefined();
  });
});

describe('loading the samples', () => {
  let cacheDir: string;
  beforeAll(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), 'session-samples-'));
    const path = cachePathFor(cacheDir, MMLU_CSV_URL);
    await mkdir(dirname(path), { recursive: true });
    const rows = ['one', 'two', 'three'].map((q, i) => `${i},${q}?,a,b,c,d,A,anatomy`);
    await writeFile(path, [',Question,A,B,C,D,Answer,Subject', ...rows].join('\n'));
  });
  afterAll(() => rm(cacheDir, { recursive: true, force: true }));

  const loaded = (limit: EvalSettings['limit']) => {
    const session = EvalSession.open(settings({ benchmark: 'mmlu', limit }));
    return session.loadSamples({ cacheDir, offline: true }).then(({ samples, total }) => ({ session, samples, total }));
  };

  test('with a limit only the samples it takes are loaded, and the log still names the size of the whole dataset', async () => {
    const whole = await loaded(null);
    expect(whole.samples.map((s) => s.id)).toEqual([1, 2, 3]);
    expect(whole.total).toBe(3);
    for (const [limit, ids] of [
      [2, [1, 2]],
      [[1, 2], [1, 2]],
    ] as const) {
      const { session, samples, total } = await loaded(limit);
      expect([samples.map((s) => s.id), total]).toEqual([ids, 3]);
      expect(samples).toEqual(whole.samples.slice(0, ids.length));
      const identity = newEvalLogIdentity();
      const dataset = session.logStart(identity, samples, total).spec.dataset;
      expect(dataset).toEqual(session.logStart(identity, whole.samples).spec.dataset);
      expect(dataset).toMatchObject({ samples: 3 });
    }
  });
});

describe('results from stored records', () => {
  const epochs = settings({ epochs: 2, epochs_reducer: ['mean', 'max'] });

  test('equal the runner’s own over the same samples, whatever order they were stored in', async () => {
    const session = EvalSession.open(epochs);
    const records: SampleRecord[] = [];
    const result = await runEval(session.runOptions({ model: model(), samples: SAMPLES, onSample: (r) => void records.push(r) }));
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('success');
    expect(result.results.map((r) => r.reducer)).toEqual(['mean', 'max']);

    const fromStore = session.results(session.plan(SAMPLES), records.map(stored).reverse());
    expect(fromStore.results).toEqual(result.results);
    expect(fromStore.reductions).toEqual(result.reductions);
  });

  test('errored records are left out of scoring, as Inspect leaves errored samples out', () => {
    const session = EvalSession.open(settings());
    const score = { value: 1, answer: '10' };
    const results = session.results(session.plan(SAMPLES), [
      { sample_id: '1', epoch: 1, scores: { grade_school_math_scorer: score }, error: null },
      { sample_id: '2', epoch: 1, scores: {}, error: 'provider error' },
    ]);
    expect(results.results[0]).toMatchObject({ scored_samples: 1, metrics: { accuracy: { value: 1 } } });
  });

  test('a resumed run skips the stored items and reports the same results as an uninterrupted one', async () => {
    const session = EvalSession.open(epochs);
    const first: SampleRecord[] = [];
    const full = await runEval(session.runOptions({ model: model(false), samples: SAMPLES, onSample: (r) => void first.push(r) }));

    const resumedModel = model(false);
    const done = first.filter((r) => r.epoch === 1).map(stored);
    const resumed = await runEval(session.runOptions({ model: resumedModel, samples: SAMPLES, finished: done }));
    expect(resumedModel.calls).toHaveLength(3);
    expect(resumed.totals).toEqual({ samples: 6, completed: 6 });
    expect(resumed.results).toEqual(full.results);
  });
});
