/**
 * Runs as a worker leaves them, written straight to the database with the db repositories: the gateway
 * tests need no worker to have runs in every state with samples, logs and results.
 */
import { randomUUID } from 'node:crypto';
import { RunConfigSchema, type RunConfig } from '@studio/contracts';
import { claimRun, finishRun, insertRun, insertRunSamples, newRunSample, touchRunningRun, type Db, type NewRun, type RunRow } from '@studio/db';
import { holdOf } from '@studio/db/testing';
import { newShortUuid, storedSampleScore, type EvalScoreResult, type SampleRecord } from '@studio/engine';

export type TestRunInput = Partial<Omit<NewRun, 'config'>> & { config?: Partial<RunConfig> };

/** A run row as the gateway inserts it (queued), with any column overridden. */
export async function insertTestRun(db: Db, userId: string | null, input: TestRunInput = {}): Promise<RunRow> {
  const { config: configOverrides, ...columns } = input;
  const benchmark = columns.benchmark ?? 'mmlu';
  const model = columns.model ?? 'openai/gpt-4o';
  const config = RunConfigSchema.parse({ benchmark, model, ...configOverrides });
  return insertRun(db, {
    run_id: randomUUID(),
    user_id: userId,
    benchmark,
    model,
    config,
    eval_id: newShortUuid(),
    task_id: newShortUuid(),
    ...columns,
  });
}

const LETTERS = ['A', 'B', 'C', 'D'];
const SUBJECTS = ['physics', 'biology', 'law'];

/** An answered MMLU-style question; `correct` decides the C/I score, `input` replaces the question text. */
export function mmluRecord(id: number, options: { epoch?: number; correct?: boolean; input?: string; error?: string } = {}): SampleRecord {
  const epoch = options.epoch ?? 1;
  const target = LETTERS[id % 4]!;
  const answer = options.correct === false ? LETTERS[(id + 1) % 4]! : target;
  const input = options.input ?? `Question ${id}: which letter is right?`;
  const usage = { input_tokens: 100, output_tokens: 5, total_tokens: 105 };
  const startedMs = Date.parse('2026-01-02T03:04:05.000Z') + id * 1000;
  return {
    sample_id: id,
    epoch,
    input,
    target,
    choices: ['one', 'two', 'three', 'four'],
    metadata: { subject: SUBJECTS[id % SUBJECTS.length] },
    messages: [
      { role: 'user', content: input },
      { role: 'assistant', content: `ANSWER: ${answer}` },
    ],
    output:
      options.error === undefined ? { model: 'gpt-4o-2024-08-06', completion: `ANSWER: ${answer}`, stop_reason: 'stop', usage, time_ms: 800 } : null,
    scores: options.error === undefined ? { mcq_scorer: { value: answer === target ? 'C' : 'I', answer, explanation: `ANSWER: ${answer}` } } : {},
    usage: options.error === undefined ? usage : null,
    started_at: new Date(startedMs).toISOString(),
    completed_at: new Date(startedMs + 900).toISOString(),
    total_time: 0.9,
    working_time: 0.85,
    retries: 0,
    error: options.error ?? null,
  };
}

/** Stores records as the worker does: seq = plan position, score = value_to_float of the first scorer. */
export async function insertSamples(db: Db, runId: string, records: readonly SampleRecord[], firstSeq = 0): Promise<void> {
  for (let i = 0; i < records.length; i += 500) {
    await insertRunSamples(
      db,
      records.slice(i, i + 500).map((record, j) => newRunSample(runId, firstSeq + i + j, storedSampleScore(record), record)),
    );
  }
}

/** A worker claims the run and plans `total` items. */
export async function markRunning(db: Db, runId: string, total: number): Promise<void> {
  const claimed = await claimRun(db, runId, 'test-worker');
  if (!claimed) throw new Error(`run ${runId} cannot be claimed`);
  await touchRunningRun(db, { runId, attempt: claimed.attempts }, { current: 0, total });
}

/** The results a worker stores for MMLU-style records: accuracy and stderr over C/I, plus per-subject accuracy. */
export function mmluResults(records: readonly SampleRecord[]): EvalScoreResult[] {
  const scored = records.filter((r) => r.error === null);
  const values = scored.map((r) => (r.scores.mcq_scorer?.value === 'C' ? 1 : 0));
  const accuracy = values.reduce<number>((a, b) => a + b, 0) / Math.max(1, values.length);
  return [
    {
      name: 'mcq_scorer',
      scorer: 'mcq_scorer',
      scored_samples: scored.length,
      unscored_samples: records.length - scored.length,
      metrics: {
        accuracy: { name: 'accuracy', value: accuracy },
        stderr: { name: 'stderr', value: 0.05 },
        physics_accuracy: { name: 'physics_accuracy', value: 0.5 },
      },
    },
  ];
}

/** Finishes a running run the way the worker records a completed one. */
export async function completeRun(db: Db, runId: string, records: readonly SampleRecord[]): Promise<void> {
  const results = mmluResults(records);
  const accuracy = results[0]!.metrics.accuracy!.value;
  const usage = { input_tokens: 0, output_tokens: 0, total_tokens: 0 };
  for (const r of records) {
    usage.input_tokens += r.usage?.input_tokens ?? 0;
    usage.output_tokens += r.usage?.output_tokens ?? 0;
    usage.total_tokens += r.usage?.total_tokens ?? 0;
  }
  const hold = await holdOf(db, runId);
  await touchRunningRun(db, hold, { current: records.length, total: records.length });
  const finished = await finishRun(db, hold, {
    status: 'completed',
    results: {
      metrics: [{ name: 'accuracy', value: accuracy, stderr: 0.05, ci_lower: 0.1, ci_upper: 0.9 }],
      breakdowns: [{ name: 'subject', items: [{ key: 'physics', value: 0.5, stderr: null, n: 2, ci_lower: 0.09, ci_upper: 0.91 }] }],
      scores: results,
      primaryMetric: { name: 'accuracy', value: accuracy },
      modelUsage: { 'openai/gpt-4o': usage },
      usage,
    },
  });
  if (!finished.held) throw new Error(`run ${runId} is not running: ${finished.loss}`);
}
