import { setTimeout as sleep } from 'node:timers/promises';
import {
  ProviderError,
  contentText,
  type ChatMessage,
  type GenerateConfig,
  type GenerateResult,
  type ModelUsage,
  type ProviderErrorKind,
} from '@studio/providers';
import type { Generator, Metric, Reducer, Sample, SampleRecord, Score, Scorer, TaskDefinition } from '../types';
import { runEval, type RunEvalOptions, type RunProgress } from './eval.runner';

interface FakeOptions {
  model?: string;
  delayMs?: number;
  /** Reported `time_ms` of the successful attempt; the rest of the delay counts as waiting. */
  timeMs?: number;
  retries?: number;
  usage?: ModelUsage;
  /** Reply to the last message, decided when the call starts (`attempt` counts calls with that prompt). */
  reply?: (prompt: string, attempt: number) => string;
  /** An error to throw once the delay is over. */
  fail?: (prompt: string, call: number) => Error | undefined;
}

/** Stands in for a provider client: answers after a delay, honours the abort signal, counts concurrency. */
class FakeGenerator implements Generator {
  readonly model: string;
  calls = 0;
  inFlight = 0;
  maxInFlight = 0;
  aborted = 0;
  readonly requests: { messages: ChatMessage[]; config: GenerateConfig }[] = [];
  private readonly attempts = new Map<string, number>();

  constructor(private readonly opts: FakeOptions = {}) {
    this.model = opts.model ?? 'fake/model';
  }

  async generate(messages: ChatMessage[], config: GenerateConfig, signal?: AbortSignal): Promise<GenerateResult> {
    const call = ++this.calls;
    this.requests.push({ messages, config });
    const prompt = contentText(messages[messages.length - 1].content);
    const attempt = (this.attempts.get(prompt) ?? 0) + 1;
    this.attempts.set(prompt, attempt);
    const completion = (this.opts.reply ?? correctAnswer)(prompt, attempt);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await sleep(this.opts.delayMs ?? 0, undefined, { signal });
      const failure = this.opts.fail?.(prompt, call);
      if (failure) throw failure;
    } catch (err) {
      if (signal?.aborted) this.aborted++;
      throw err;
    } finally {
      this.inFlight--;
    }
    return {
      completion,
      stop_reason: 'stop',
      usage: this.opts.usage ?? { input_tokens: 10, output_tokens: 5, total_tokens: 15 },
      model: this.model.split('/').pop()!,
      time_ms: this.opts.timeMs ?? this.opts.delayMs ?? 0,
      retries: this.opts.retries ?? 0,
    };
  }
}

/** A bare model that answers after a fixed delay and ignores the abort signal, as a careless client might. */
function fixedDelayModel(delayMs: number): Generator {
  const result: GenerateResult = {
    completion: 'a',
    stop_reason: 'stop',
    usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2 },
    model: 'fixed',
    time_ms: delayMs,
    retries: 0,
  };
  return {
    model: 'fake/fixed',
    generate: () => (delayMs === 0 ? Promise.resolve(result) : new Promise((resolve) => setTimeout(resolve, delayMs, result))),
  };
}

/** q7 → a7: the fake model's default, always correct. */
const correctAnswer = (prompt: string) => prompt.replace(/^q/, 'a');

/** What a real client throws; auth and not_found errors are fatal, server errors are not. */
function providerError(kind: ProviderErrorKind, message: string): ProviderError {
  return new ProviderError({ kind, provider: 'fake', message });
}

function makeSamples(count: number): Sample[] {
  return Array.from({ length: count }, (_, i) => ({ id: i + 1, input: `q${i + 1}`, target: `a${i + 1}` }));
}

const matchScorer: Scorer = {
  name: 'match',
  score: async ({ sample, completion }) => ({ value: completion === sample.target ? 'C' : 'I', answer: completion }),
};

const toFloat = (score: Score) => (score.value === 'C' ? 1 : score.value === 'I' ? 0 : Number(score.value));

const accuracy: Metric = { name: 'accuracy', compute: (scores) => scores.reduce((sum, s) => sum + s.value, 0) / scores.length };

const mean: Reducer = {
  name: 'mean',
  reduce: (scores) => ({ value: scores.reduce((sum, s) => sum + toFloat(s), 0) / scores.length }),
};

/** Unbiased pass@2 over the epochs: 1 - C(n-c, 2) / C(n, 2). */
const passAt2: Reducer = {
  name: 'pass_at_2',
  reduce: (scores) => {
    const n = scores.length;
    const c = scores.filter((s) => toFloat(s) === 1).length;
    const pairs = (m: number) => (m * (m - 1)) / 2;
    return { value: n - c < 2 ? 1 : 1 - pairs(n - c) / pairs(n) };
  },
};

const reducerTable: Record<string, Reducer> = { mean, pass_at_2: passAt2 };
const getReducer = (name: string): Reducer => {
  const reducer = reducerTable[name];
  if (!reducer) throw new Error(`unknown reducer: ${name}`);
  return reducer;
};

function makeTask(samples: Sample[], overrides: Partial<TaskDefinition> = {}): TaskDefinition {
  return {
    name: 'fake_task',
    displayName: 'Fake task',
    dataset: { name: 'fake', location: 'memory', load: async () => samples },
    config: {},
    scorer: matchScorer,
    metrics: [accuracy],
    ...overrides,
  };
}

type Options = Omit<RunEvalOptions, 'task' | 'model' | 'getReducer'>;

function run(task: TaskDefinition, model: Generator, options: Options = { samples: [] }) {
  return runEval({ task, model, getReducer, ...options });
}

const key = (record: { sample_id: unknown; epoch: number }) => `${String(record.sample_id)}@${record.epoch}`;

describe('runEval', () => {
  it('prompts with the system message and merged config, scores with the grader, and reports Inspect-shaped results', async () => {
    const samples: Sample[] = [
      { id: 1, input: 'q1', target: 'a1' },
      {
        id: 2,
        input: [
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: 'hello' },
          { role: 'user', content: 'q2' },
        ],
        target: 'a2',
        choices: ['a2', 'b'],
      },
      { id: 3, input: 'q3', target: 'a3', metadata: { subject: 'math' } },
    ];
    const gradedScorer: Scorer = {
      name: 'graded',
      score: async ({ sample, completion, messages, grader, signal }) => {
        const verdict = await grader!.generate([{ role: 'user', content: `grade ${completion}` }], {}, signal);
        return { value: completion === sample.target ? 'C' : 'I', explanation: `${messages.length} ${verdict.completion}` };
      },
    };
    const task = makeTask(samples, {
      systemMessage: 'Be brief.',
      config: { temperature: 0.5, max_tokens: 100, seed: 1 },
      scorer: gradedScorer,
    });
    const model = new FakeGenerator({ delayMs: 30, timeMs: 0, retries: 1 });
    const grader = new FakeGenerator({
      model: 'fake/grader',
      reply: () => 'ok',
      usage: { input_tokens: 3, output_tokens: 1, total_tokens: 4, reasoning_tokens: 2 },
    });
    const records: SampleRecord[] = [];

    const result = await run(task, model, {
      samples,
      grader,
      seed: 42,
      config: { temperature: 0, max_tokens: undefined },
      onSample: (r) => void records.push(r),
    });

    const system: ChatMessage = { role: 'system', content: 'Be brief.' };
    expect(model.requests.map((r) => r.messages)).toEqual([
      [system, { role: 'user', content: 'q1' }],
      [system, ...(samples[1].input as ChatMessage[])],
      [system, { role: 'user', content: 'q3' }],
    ]);
    expect(model.requests[0].config).toEqual({ temperature: 0, max_tokens: 100, seed: 42 });

    records.sort((a, b) => Number(a.sample_id) - Number(b.sample_id));
    expect(records[1]).toMatchObject({
      sample_id: 2,
      epoch: 1,
      input: samples[1].input,
      target: 'a2',
      choices: ['a2', 'b'],
      metadata: {},
      messages: [system, ...(samples[1].input as ChatMessage[]), { role: 'assistant', content: 'a2' }],
      output: { model: 'model', completion: 'a2', stop_reason: 'stop', usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15 } },
      scores: { graded: { value: 'C', explanation: '5 ok' } },
      usage: { input_tokens: 13, output_tokens: 6, total_tokens: 19, reasoning_tokens: 2 },
      retries: 1,
      error: null,
    });
    expect(records[2].metadata).toEqual({ subject: 'math' });
    for (const record of records) {
      expect(record.started_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
      expect(Date.parse(record.completed_at)).toBeGreaterThanOrEqual(Date.parse(record.started_at));
      expect(record.total_time).toBeGreaterThanOrEqual(0.03);
      // The model reported 0 ms of work for a 30 ms call: the rest was waiting.
      expect(record.working_time).toBeLessThanOrEqual(record.total_time - 0.025);
    }

    expect(result).toMatchObject({
      status: 'success',
      results: [
        {
          name: 'graded',
          scorer: 'graded',
          scored_samples: 3,
          unscored_samples: 0,
          metrics: { accuracy: { name: 'accuracy', value: 1 } },
        },
      ],
      totals: { samples: 3, completed: 3 },
      usage: {
        'fake/model': { input_tokens: 30, output_tokens: 15, total_tokens: 45 },
        'fake/grader': { input_tokens: 9, output_tokens: 3, total_tokens: 12, reasoning_tokens: 6 },
      },
    });
    expect(result.results[0]).not.toHaveProperty('reducer');
    expect(result).not.toHaveProperty('error');
  });

  it.each([
    [3, ['1@1', '2@1', '3@1']],
    [[2, 5] as const, ['3@1', '4@1', '5@1']],
  ])('applies limit %j', async (limit, expected) => {
    const samples = makeSamples(10);
    const records: SampleRecord[] = [];
    const result = await run(makeTask(samples), new FakeGenerator(), { samples, limit, onSample: (r) => void records.push(r) });
    expect(records.map(key).sort()).toEqual(expected);
    expect(result.totals).toEqual({ samples: 3, completed: 3 });
  });

  it('reduces epochs with each reducer, taking epochs and reducers from the task', async () => {
    // Correct on these attempts (= epochs) per sample: q1 first only, q2 never, q3 always, q4 second and fourth.
    const correctOn: Record<string, number[]> = { q1: [1], q2: [], q3: [1, 2, 3, 4], q4: [2, 4] };
    const model = new FakeGenerator({
      delayMs: 1,
      reply: (prompt, attempt) => (correctOn[prompt].includes(attempt) ? correctAnswer(prompt) : 'wrong'),
    });
    const samples = makeSamples(4);
    const records: SampleRecord[] = [];
    const result = await run(makeTask(samples, { epochs: 4, reducers: ['mean', 'pass_at_2'] }), model, {
      samples,
      maxConnections: 3,
      onSample: (r) => void records.push(r),
    });

    expect(records.map(key).sort()).toEqual(samples.flatMap((s) => [1, 2, 3, 4].map((e) => `${s.id}@${e}`)).sort());
    const byKey = new Map(records.map((r) => [key(r), r.scores.match.value]));
    expect([1, 2, 3, 4].map((e) => byKey.get(`4@${e}`))).toEqual(['I', 'C', 'I', 'C']);
    expect(result.results.map((r) => [r.reducer, r.scored_samples, r.metrics.accuracy.value])).toEqual([
      ['mean', 4, (0.25 + 0 + 1 + 0.5) / 4],
      ['pass_at_2', 4, (0.5 + 0 + 1 + 5 / 6) / 4],
    ]);
    expect(result.totals).toEqual({ samples: 16, completed: 16 });
  });

  it('leaves the results to the host with computeResults false: every sample still runs, is delivered and counted', async () => {
    const model = new FakeGenerator({ delayMs: 1, reply: (prompt) => correctAnswer(prompt) });
    const samples = makeSamples(5);
    const records: SampleRecord[] = [];
    const result = await run(makeTask(samples), model, { samples, maxConnections: 2, computeResults: false, onSample: (r) => void records.push(r) });

    expect(result.status).toBe('success');
    expect(records).toHaveLength(5);
    expect(result.totals).toEqual({ samples: 5, completed: 5 });
    expect(result.results).toEqual([]);
    expect(result.reductions).toEqual([]);
  });

  it("resolves reducer names with the engine's registry when no getReducer is given", async () => {
    const samples = makeSamples(4);
    const reply = (prompt: string) => (prompt === 'q4' ? 'wrong' : correctAnswer(prompt));
    const task = makeTask(samples, { epochs: 2, reducers: ['mean', 'pass_at_2'] });
    const result = await runEval({ task, model: new FakeGenerator({ reply }), samples });
    expect(result.results.map((r) => [r.reducer, r.metrics.accuracy.value])).toEqual([
      ['mean', 0.75],
      ['pass_at_2', 0.75],
    ]);
  });

  it('keeps exactly maxConnections samples in flight', async () => {
    const samples = makeSamples(40);
    const model = new FakeGenerator({ delayMs: 5 });
    await run(makeTask(samples), model, { samples, maxConnections: 7 });
    expect(model.maxInFlight).toBe(7);

    const few = new FakeGenerator({ delayMs: 5 });
    await run(makeTask(samples.slice(0, 3)), few, { samples: samples.slice(0, 3), maxConnections: 10 });
    expect(few.maxInFlight).toBe(3);
  });

  it('resumes a cancelled run: finished items are skipped and the final metrics equal an uninterrupted run', async () => {
    const samples = makeSamples(12);
    const reply = (prompt: string) => (Number(prompt.slice(1)) % 3 === 0 ? 'wrong' : correctAnswer(prompt));
    const task = makeTask(samples, { epochs: 2, reducers: ['mean', 'pass_at_2'] });
    const options = { samples, maxConnections: 3 };

    const uninterrupted = await run(task, new FakeGenerator({ delayMs: 2, reply }), options);

    const controller = new AbortController();
    const first: SampleRecord[] = [];
    const interrupted = await run(task, new FakeGenerator({ delayMs: 2, reply }), {
      ...options,
      signal: controller.signal,
      onSample: (record) => {
        first.push(record);
        if (first.length === 10) controller.abort();
      },
    });
    expect(interrupted.status).toBe('cancelled');
    expect(first).toHaveLength(10);
    expect(interrupted.totals).toEqual({ samples: 24, completed: 10 });

    const second: SampleRecord[] = [];
    const progress: RunProgress[] = [];
    const resumed = await run(task, new FakeGenerator({ delayMs: 2, reply }), {
      ...options,
      finished: first,
      onSample: (record) => void second.push(record),
      onProgress: (p) => void progress.push(p),
    });

    expect(resumed.status).toBe('success');
    expect(second).toHaveLength(14);
    const delivered = [...first, ...second].map(key);
    expect(new Set(delivered).size).toBe(24);
    expect(progress[0]).toEqual({ current: 10, total: 24 });
    expect(resumed.results).toEqual(uninterrupted.results);
    expect(resumed.reductions).toEqual(uninterrupted.reductions);
    expect(resumed.totals).toEqual(uninterrupted.totals);
  });

  it('runs records that finished with an error again on resume', async () => {
    const samples = makeSamples(3);
    const failed: SampleRecord[] = [];
    await run(makeTask(samples), new FakeGenerator({ fail: (prompt) => (prompt === 'q2' ? new Error('boom') : undefined) }), {
      samples,
      failOnError: false,
      onSample: (r) => void failed.push(r),
    });
    const model = new FakeGenerator();
    const result = await run(makeTask(samples), model, { samples, finished: failed });
    expect(model.requests.map((r) => r.messages[0].content)).toEqual(['q2']);
    expect(result.totals).toEqual({ samples: 3, completed: 3 });
  });

  it('cancels promptly: in-flight generate calls are aborted and the status is cancelled', async () => {
    const samples = makeSamples(8);
    const model = new FakeGenerator({ delayMs: 10_000 });
    const controller = new AbortController();
    const records: SampleRecord[] = [];
    setTimeout(() => controller.abort(), 30);
    const started = Date.now();
    const result = await run(makeTask(samples), model, {
      samples,
      maxConnections: 5,
      signal: controller.signal,
      onSample: (r) => void records.push(r),
    });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result.status).toBe('cancelled');
    expect(model.calls).toBe(5);
    expect(model.aborted).toBe(5);
    expect(records).toEqual([]);
    expect(result.totals).toEqual({ samples: 8, completed: 0 });
  });

  it('drops items that finish after the run stopped, so a resume redoes them instead of seeing them twice', async () => {
    const samples = makeSamples(6);
    const controller = new AbortController();
    const records: SampleRecord[] = [];
    setTimeout(() => controller.abort(), 10);
    const result = await run(makeTask(samples), fixedDelayModel(50), {
      samples,
      maxConnections: 3,
      signal: controller.signal,
      onSample: (r) => void records.push(r),
    });
    expect(result.status).toBe('cancelled');
    expect(records).toEqual([]);
    expect(result.totals.completed).toBe(0);
  });

  it('does not start when the signal is already aborted', async () => {
    const samples = makeSamples(3);
    const model = new FakeGenerator();
    const result = await run(makeTask(samples), model, { samples, signal: AbortSignal.abort() });
    expect(result.status).toBe('cancelled');
    expect(model.calls).toBe(0);
  });

  it('stops at once on a fatal provider error, whatever failOnError says', async () => {
    const samples = makeSamples(20);
    const model = new FakeGenerator({ delayMs: 5, fail: (_, call) => (call === 3 ? providerError('auth', 'Invalid API key') : undefined) });
    const records: SampleRecord[] = [];
    const result = await run(makeTask(samples), model, {
      samples,
      maxConnections: 2,
      failOnError: false,
      onSample: (r) => void records.push(r),
    });
    expect(result).toMatchObject({ status: 'error', error: 'Invalid API key' });
    expect(model.calls).toBeLessThanOrEqual(4);
    expect(records.every((r) => r.error === null)).toBe(true);
  });

  it('stops on a fatal provider error from the grader too', async () => {
    const samples = makeSamples(10);
    const grader = new FakeGenerator({ model: 'fake/grader', fail: () => providerError('not_found', 'Grader model not found') });
    const gradedScorer: Scorer = {
      name: 'graded',
      score: async ({ grader: g, signal }) => {
        await g!.generate([{ role: 'user', content: 'grade' }], {}, signal);
        return { value: 'C' };
      },
    };
    const model = new FakeGenerator();
    const result = await run(makeTask(samples, { scorer: gradedScorer }), model, { samples, grader, maxConnections: 1 });
    expect(result).toMatchObject({ status: 'error', error: 'grader fake/grader failed: Grader model not found' });
    expect(model.calls).toBe(1);
  });

  it('says which grader or judge failed, on the sample and on the run, keeping the error fatal or not as it was', async () => {
    const samples = makeSamples(2);
    const records: SampleRecord[] = [];
    const grader = new FakeGenerator({ model: 'fake/grader', fail: (prompt) => (prompt === 'grade q2' ? providerError('server', 'upstream 500') : undefined) });
    const graded: Scorer = {
      name: 'graded',
      score: async ({ sample, grader: g, signal }) => ({ value: (await g!.generate([{ role: 'user', content: `grade ${String(sample.input)}` }], {}, signal)).completion }),
    };
    const result = await run(makeTask(samples, { scorer: graded }), new FakeGenerator(), { samples, grader, maxConnections: 1, failOnError: false, onSample: (r) => void records.push(r) });
    expect(result.status).toBe('success');
    expect(records.map((r) => r.error)).toEqual([null, 'grader fake/grader failed: upstream 500']);

    const judged = (fail: () => ProviderError) => {
      const judge = new FakeGenerator({ model: 'fake/judge', fail });
      const task = makeTask(samples, {
        judges: { race: 'fake/judge' },
        scorer: { name: 'judged', score: async ({ judges, signal }) => ({ value: (await judges!.race!.generate([{ role: 'user', content: 'verdict' }], {}, signal)).completion }) },
      });
      return { task, judge };
    };
    const flaky = judged(() => providerError('timeout', 'no reply'));
    records.length = 0;
    await run(flaky.task, new FakeGenerator(), { samples, judges: { race: flaky.judge }, maxConnections: 1, failOnError: false, onSample: (r) => void records.push(r) });
    expect(records.map((r) => r.error)).toEqual(Array(2).fill('RACE judge fake/judge failed: no reply'));

    const badKey = judged(() => providerError('auth', 'fake: invalid API key (HTTP 401)'));
    const ended = await run(badKey.task, new FakeGenerator(), { samples, judges: { race: badKey.judge }, maxConnections: 1, failOnError: false });
    expect(ended).toMatchObject({ status: 'error', error: 'RACE judge fake/judge failed: fake: invalid API key (HTTP 401)' });
    expect(badKey.judge.calls).toBe(1);
  });

  it('hands the task’s judges to its solver and scorer, metered with the sample, and refuses to start without one', async () => {
    const samples = makeSamples(2);
    const judge = new FakeGenerator({ model: 'fake/judge', reply: () => 'C' });
    const judged: TaskDefinition = makeTask(samples, {
      judges: { verdict: 'fake/judge' },
      solver: {
        name: 'judged_solver',
        params: {},
        async solve({ messages, generate, judges, signal }) {
          const output = await generate(messages);
          await judges!.verdict!.generate([{ role: 'user', content: 'first look' }], {}, signal);
          return { output, messages: [...messages, { role: 'assistant', content: output.completion }] };
        },
      },
      scorer: {
        name: 'judged',
        score: async ({ judges, signal }) => ({ value: (await judges!.verdict!.generate([{ role: 'user', content: 'verdict' }], {}, signal)).completion }),
      },
    });
    const records: SampleRecord[] = [];
    const result = await run(judged, new FakeGenerator(), { samples, judges: { verdict: judge }, maxConnections: 1, onSample: (r) => void records.push(r) });
    expect(result.status).toBe('success');
    expect(judge.calls).toBe(4);
    expect(records.map((r) => r.scores.judged!.value)).toEqual(['C', 'C']);
    // Each sample's usage counts the model's call and both judge calls.
    expect(Object.keys(result.usage).sort()).toEqual(['fake/judge', 'fake/model']);
    expect(records[0]!.usage!.total_tokens).toBe(3 * records[0]!.output!.usage!.total_tokens);

    const model = new FakeGenerator();
    await expect(run(judged, model, { samples })).rejects.toThrow('fake_task is judged by its verdict judge, whose model client was not supplied');
    expect(model.calls).toBe(0);
  });

  it('records a non-fatal sample error on the record and leaves it out of the metrics', async () => {
    const samples = makeSamples(10);
    const model = new FakeGenerator({ fail: (prompt) => (prompt === 'q2' ? providerError('server', 'upstream 500') : undefined) });
    const flakyScorer: Scorer = {
      name: 'match',
      score: async (ctx) => {
        if (ctx.sample.id === 4) throw new Error('scorer crashed');
        return matchScorer.score(ctx);
      },
    };
    const records: SampleRecord[] = [];
    const progress: RunProgress[] = [];
    const result = await run(makeTask(samples, { scorer: flakyScorer }), model, {
      samples,
      failOnError: false,
      onSample: (r) => void records.push(r),
      onProgress: (p) => void progress.push(p),
    });

    const byId = new Map(records.map((r) => [r.sample_id, r]));
    expect(byId.get(2)).toMatchObject({
      error: 'upstream 500',
      output: null,
      scores: {},
      usage: null,
      messages: [{ role: 'user', content: 'q2' }],
    });
    expect(byId.get(4)).toMatchObject({ error: 'scorer crashed', output: { completion: 'a4' }, scores: {} });
    expect(result.status).toBe('success');
    expect(result.totals).toEqual({ samples: 10, completed: 8 });
    expect(result.results[0]).toMatchObject({ scored_samples: 8, metrics: { accuracy: { value: 1 } } });
    expect(progress[progress.length - 1]).toEqual({ current: 10, total: 10 });
  });

  it.each([
    [undefined, 3, 'boom q3'],
    [true, 3, 'boom q3'],
    [2, 6, 'boom q6'],
    [0.25, 9, 'boom q9'],
    [0.5, 10, undefined],
  ])('with failOnError %j over errors at samples 3, 6 and 9, stops after sample %j', async (failOnError, delivered, error) => {
    const samples = makeSamples(10);
    const model = new FakeGenerator({ fail: (prompt) => (['q3', 'q6', 'q9'].includes(prompt) ? new Error(`boom ${prompt}`) : undefined) });
    const records: SampleRecord[] = [];
    const result = await run(makeTask(samples), model, { samples, maxConnections: 1, failOnError, onSample: (r) => void records.push(r) });
    expect(records).toHaveLength(delivered);
    expect(model.calls).toBe(delivered);
    expect(result.status).toBe(error ? 'error' : 'success');
    expect(result.error).toBe(error);
  });

  it('fails the run when the sample sink fails', async () => {
    const samples = makeSamples(5);
    const result = await run(makeTask(samples), new FakeGenerator(), {
      samples,
      onSample: () => Promise.reject(new Error('database unavailable')),
    });
    expect(result).toMatchObject({ status: 'error', error: 'database unavailable' });
  });

  it('applies backpressure: a slow sink holds its slot, so outstanding samples never exceed maxConnections', async () => {
    const samples = makeSamples(30);
    const records: SampleRecord[] = [];
    let maxOutstanding = 0;
    const model: FakeGenerator = new FakeGenerator({
      reply: (prompt) => {
        maxOutstanding = Math.max(maxOutstanding, model.calls - records.length);
        return correctAnswer(prompt);
      },
    });
    const result = await run(makeTask(samples), model, {
      samples,
      maxConnections: 4,
      onSample: async (record) => {
        await sleep(10);
        records.push(record);
      },
    });
    expect(result.status).toBe('success');
    expect(records).toHaveLength(30);
    expect(maxOutstanding).toBe(4);
  });

  it('reports progress monotonically from 0 to the total', async () => {
    const samples = makeSamples(15);
    const progress: RunProgress[] = [];
    await run(makeTask(samples), new FakeGenerator({ delayMs: 1 }), {
      samples,
      epochs: 2,
      maxConnections: 4,
      onProgress: (p) => void progress.push(p),
    });
    expect(progress.map((p) => p.current)).toEqual(Array.from({ length: 31 }, (_, i) => i));
    expect(progress.every((p) => p.total === 30)).toBe(true);
  });

  it('loads the task dataset with the dataset context when no samples are given', async () => {
    const samples = makeSamples(4);
    const load = jest.fn(async () => samples);
    const task = makeTask(samples, { dataset: { name: 'fake', location: 'memory', load } });
    const datasetContext = { cacheDir: '/tmp/datasets', offline: true };
    const result = await runEval({ task, model: new FakeGenerator(), getReducer, datasetContext });
    expect(load).toHaveBeenCalledWith({ ...datasetContext, signal: expect.any(AbortSignal) });
    expect(result).toMatchObject({ status: 'success', totals: { samples: 4, completed: 4 } });

    const missing = await runEval({ task, model: new FakeGenerator(), getReducer });
    expect(missing).toMatchObject({ status: 'error', error: expect.stringContaining('datasetContext') });
  });

  it('rejects an unknown reducer before calling the model', async () => {
    const samples = makeSamples(2);
    const model = new FakeGenerator();
    await expect(run(makeTask(samples), model, { samples, reducers: ['nope'] })).rejects.toThrow('unknown reducer: nope');
    expect(model.calls).toBe(0);
  });
});
