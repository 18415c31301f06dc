import { isFatalProviderError, type ChatMessage, type GenerateConfig, type GenerateResult, type ModelUsage } from '@studio/providers';
import type { Generator, Sample, SampleRecord, Score, ScoringServices, SolverResult, TaskDefinition } from '../types';
import type { WorkItem } from './sample-plan';

export interface SolveContext {
  task: TaskDefinition;
  model: Generator;
  grader?: Generator;
  judges?: Readonly<Record<string, Generator>>;
  services?: ScoringServices;
  /** Task config with the run's overrides already merged in. */
  config: GenerateConfig;
  /** Built once per run so every prompt shares it. */
  systemMessage?: ChatMessage;
  signal: AbortSignal;
  /** Run-wide usage by model name; every successful call adds to it. */
  usage: Record<string, ModelUsage>;
}

/**
 * Inspect's default plan for one (sample, epoch): `generate()` then the task scorer. A failure of
 * either becomes the record's `error`; only a cancelled run (the signal fired) or a fatal provider
 * error (bad key, unknown model — every other sample would fail the same way) is thrown, because
 * those end the run rather than the sample.
 */
export async function solveSample(item: WorkItem, ctx: SolveContext): Promise<SampleRecord> {
  const { sample, epoch } = item;
  const startedMs = Date.now();
  const meter = new SampleMeter(ctx.usage);
  const messages = promptMessages(sample.input, ctx.systemMessage);
  let conversation = messages;
  let output: SampleRecord['output'] = null;
  let scores: Record<string, Score> = {};
  let metadata = sample.metadata ?? {};
  let error: string | null = null;
  try {
    const solved = await solve(sample, messages, ctx, meter);
    const result = solved.output;
    output = {
      model: result.model,
      completion: result.completion,
      stop_reason: result.stop_reason,
      usage: result.usage,
      time_ms: result.time_ms,
    };
    conversation = solved.messages;
    if (solved.metadata) metadata = { ...metadata, ...solved.metadata };
    const score = await ctx.task.scorer.score({
      sample: solved.metadata ? { ...sample, metadata } : sample,
      completion: result.completion,
      messages: conversation,
      grader: ctx.grader && meter.metered(ctx.grader),
      judges: ctx.judges && meter.meteredAll(ctx.judges),
      services: ctx.services,
      signal: ctx.signal,
    });
    scores = { [ctx.task.scorer.name]: score };
  } catch (err) {
    if (ctx.signal.aborted || isFatalProviderError(err)) throw err;
    error = errorMessage(err);
  }
  const completedMs = Date.now();
  const totalMs = completedMs - startedMs;
  return {
    sample_id: sample.id,
    epoch,
    input: sample.input,
    target: sample.target,
    ...(sample.choices === undefined ? {} : { choices: sample.choices }),
    metadata,
    messages: conversation,
    output,
    scores,
    usage: meter.usage,
    started_at: isoWithOffset(startedMs),
    completed_at: isoWithOffset(completedMs),
    total_time: totalMs / 1000,
    working_time: Math.round(Math.max(0, totalMs - meter.waitedMs)) / 1000,
    retries: meter.retries,
    error,
  };
}

/** The task's solver, else Inspect's `generate()`: one call on the prompt, its answer appended to the messages. */
async function solve(sample: Sample, messages: ChatMessage[], ctx: SolveContext, meter: SampleMeter): Promise<SolverResult> {
  const generate = (chat: ChatMessage[]) => meter.generate(ctx.model, chat, ctx.config, ctx.signal);
  if (ctx.task.solver) {
    const judges = ctx.judges && meter.meteredAll(ctx.judges);
    return ctx.task.solver.solve({ sample, messages, generate, judges, services: ctx.services, signal: ctx.signal });
  }
  const output = await generate(messages);
  return { output, messages: [...messages, { role: 'assistant', content: output.completion }] };
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Adds `add` into `into` field by field; optional counters appear once a call reports them. */
function addUsage(into: ModelUsage, add: ModelUsage): void {
  into.input_tokens += add.input_tokens;
  into.output_tokens += add.output_tokens;
  into.total_tokens += add.total_tokens;
  if (add.reasoning_tokens !== undefined) into.reasoning_tokens = (into.reasoning_tokens ?? 0) + add.reasoning_tokens;
  if (add.input_tokens_cache_read !== undefined) {
    into.input_tokens_cache_read = (into.input_tokens_cache_read ?? 0) + add.input_tokens_cache_read;
  }
}

function promptMessages(input: string | ChatMessage[], system: ChatMessage | undefined): ChatMessage[] {
  if (typeof input === 'string') {
    const user: ChatMessage = { role: 'user', content: input };
    return system ? [system, user] : [user];
  }
  return system ? [system, ...input] : input;
}

/**
 * Usage, retries and time spent waiting for one sample's calls — the model's, the grader's and the judges'.
 * Waiting (retry back-off, rate-limit pauses) is a call's wall time minus the successful attempt's
 * `time_ms`; Inspect leaves it out of `working_time`.
 */
class SampleMeter {
  usage: ModelUsage | null = null;
  retries = 0;
  waitedMs = 0;

  constructor(private readonly runUsage: Record<string, ModelUsage>) {}

  async generate(
    generator: Generator,
    messages: ChatMessage[],
    config: GenerateConfig,
    signal: AbortSignal | undefined,
  ): Promise<GenerateResult> {
    const started = performance.now();
    const result = await generator.generate(messages, config, signal);
    this.waitedMs += Math.max(0, performance.now() - started - result.time_ms);
    this.retries += result.retries;
    this.usage ??= emptyUsage();
    addUsage(this.usage, result.usage);
    addUsage((this.runUsage[generator.model] ??= emptyUsage()), result.usage);
    return result;
  }

  /** The grader as the scorer sees it: same model, calls counted towards this sample. */
  metered(grader: Generator): Generator {
    return { model: grader.model, generate: (messages, config, signal) => this.generate(grader, messages, config, signal) };
  }

  /** Each judge as `metered` sees the grader. */
  meteredAll(judges: Readonly<Record<string, Generator>>): Record<string, Generator> {
    return Object.fromEntries(Object.entries(judges).map(([role, judge]) => [role, this.metered(judge)]));
  }
}

function emptyUsage(): ModelUsage {
  return { input_tokens: 0, output_tokens: 0, total_tokens: 0 };
}

/** Local time with its UTC offset (`2025-01-02T03:04:05.678+01:00`), like Inspect's `datetime.now().astimezone()`. */
export function isoWithOffset(ms: number): string {
  // Zone lookups and toISOString cost microseconds each, several times a sample's share of the
  // worker's CPU budget, so both are cached: offsets only change on quarter-hour boundaries and
  // the date-to-minute prefix once a minute; seconds and milliseconds are appended by hand.
  const quarter = Math.floor(ms / 900_000);
  if (quarter !== clock.quarter) {
    const offsetMin = -new Date(ms).getTimezoneOffset();
    const abs = Math.abs(offsetMin);
    clock.quarter = quarter;
    clock.offsetMs = offsetMin * 60_000;
    clock.suffix = `${offsetMin < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
  }
  const local = ms + clock.offsetMs;
  const minute = Math.floor(local / 60_000);
  if (minute !== clock.minute) {
    clock.minute = minute;
    clock.prefix = new Date(minute * 60_000).toISOString().slice(0, 17);
  }
  const withinMinute = local - minute * 60_000;
  const millis = withinMinute % 1000;
  const millisText = millis < 10 ? `00${millis}` : millis < 100 ? `0${millis}` : String(millis);
  return `${clock.prefix}${pad2(Math.floor(withinMinute / 1000))}.${millisText}${clock.suffix}`;
}

const clock = { quarter: Number.NaN, offsetMs: 0, suffix: '', minute: Number.NaN, prefix: '' };

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
