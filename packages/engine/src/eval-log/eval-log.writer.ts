/**
 * Streams a run into Inspect's `.eval` format (a deflated ZIP of JSON members) so `inspect view`
 * and `read_eval_log` can open it. Members go out as they are added, in the order Inspect writes
 * them: `_journal/start.json`, then samples with a `_journal/summaries/<n>.json` after every
 * batch, then `summaries.json`, `reductions.json` and `header.json`. Only the summaries stay in
 * memory (encoded), so a 14k-sample run holds megabytes, not the whole log. The archive itself is
 * laid out by `ZipStreamWriter` the way Python's zipfile does it.
 *
 * A run that never reaches finish() (killed, crashed) still leaves its members readable: the
 * reader recovers them from their local headers, and a sink that can write at an offset also gets
 * checkpoint trailers that make the file a complete archive for any ZIP reader in between.
 */
import { randomUUID } from 'node:crypto';
import type { ChatMessage, Content } from '@studio/providers';
import type { EvalScoreResult, ReducedScore, SampleRecord, Score } from '../types';
import { condenseImages } from './eval-log.attachments';
import { stringifyInspectJson } from './eval-log.json';
import { EVAL_LOG_MEMBERS, newShortUuid, sampleMemberName, toInspectTimestamp } from './eval-log.naming';
import { ZipStreamWriter } from './eval-log.zip';
import type {
  EvalChatMessage,
  EvalContent,
  EvalError,
  EvalEvent,
  EvalLog,
  EvalLogScore,
  EvalModelOutput,
  EvalPlan,
  EvalResults,
  EvalSample,
  EvalSampleReductions,
  EvalSampleSummary,
  EvalSpec,
  EvalStats,
  EvalStatus,
  EvalStopReason,
  ModelUsage,
} from './eval-log.types';

/** Inspect's LOG_SCHEMA_VERSION for the format this writer produces. */
const LOG_SCHEMA_VERSION = 2;
/** Samples per `_journal/summaries/<n>.json`: Inspect's default `log_buffer` for `.eval` files. */
const SUMMARY_BATCH_SIZE = 10;
/** Inspect's summary limits (`log/_util.py`): input text and metadata strings. */
const SUMMARY_INPUT_MAX = 5120;
const SUMMARY_METADATA_STRING_MAX = 1024;
const STOP_REASONS: ReadonlySet<string> = new Set<EvalStopReason>([
  'stop',
  'max_tokens',
  'model_length',
  'tool_calls',
  'content_filter',
  'unknown',
]);

export interface EvalLogWriterOptions {
  /** Receives the archive bytes in order, synchronously; `final` marks the last chunk. */
  onChunk(chunk: Uint8Array, final: boolean): void;
  /**
   * Receives, after some journal batches, the central directory of the archive so far. A file sink
   * writes it after the last chunk without advancing: the file is then a complete archive, and the
   * next chunk overwrites the checkpoint (the sink must drop whatever of it the chunk does not cover).
   */
  onCheckpoint?(trailer: Uint8Array): void;
}

/** Results as the runner computes them; the writer adds Inspect's empty `params`. */
export interface EvalLogResultsInput {
  total_samples: number;
  completed_samples: number;
  scores: EvalScoreResult[];
}

/** Per-sample reduced scores of one scorer and reducer (the runner's epoch reductions). */
export interface EvalLogReductionsInput {
  scorer: string;
  reducer?: string;
  samples: ReducedScore[];
}

export interface EvalLogFinishInput {
  status: EvalStatus;
  /** Null when the run stopped before it could score (Inspect then writes no `results`). */
  results: EvalLogResultsInput | null;
  stats: EvalStats;
  /** `reductions.json` is written only when given. */
  reductions?: EvalLogReductionsInput[] | null;
  /** What halted the run; a bare message (the runner's `error`) gets no traceback of its own. */
  error?: EvalError | string | null;
}

export interface EvalLogWriter {
  /** Writes `_journal/start.json`; must come first. */
  start(spec: EvalSpec, plan: EvalPlan): void;
  /** Writes `samples/<id>_epoch_<epoch>.json`; each (id, epoch) once. */
  addSample(record: SampleRecord): void;
  /** Writes the summaries, reductions and `header.json`, then closes the archive. */
  finish(input: EvalLogFinishInput): void;
}

export function createEvalLogWriter(options: EvalLogWriterOptions): EvalLogWriter {
  return new StreamingEvalLogWriter(options);
}

export interface WriteEvalLogInput extends EvalLogFinishInput {
  spec: EvalSpec;
  plan: EvalPlan;
  samples: Iterable<SampleRecord>;
}

/** A whole log in memory, for small runs and tests; large runs should stream with createEvalLogWriter. */
export function writeEvalLog(input: WriteEvalLogInput): Uint8Array {
  const chunks: Uint8Array[] = [];
  const writer = createEvalLogWriter({ onChunk: (chunk) => chunks.push(chunk) });
  writer.start(input.spec, input.plan);
  for (const record of input.samples) writer.addSample(record);
  writer.finish(input);
  return Buffer.concat(chunks);
}

class StreamingEvalLogWriter implements EvalLogWriter {
  private readonly zip: ZipStreamWriter;
  private phase: 'new' | 'started' | 'finished' = 'new';
  private run: { spec: EvalSpec; plan: EvalPlan } | undefined;
  /** First error of the sink or the archive; everything after it would corrupt the file. */
  private failure: unknown;
  private readonly sampleKeys = new Set<string>();
  /** Encoded summaries of every sample, for `summaries.json`. */
  private readonly summaries: Uint8Array[] = [];
  private journalBatchStart = 0;
  private journalCount = 0;
  /** Archive size at the last checkpoint. */
  private checkpointedAt = 0;

  constructor(private readonly options: EvalLogWriterOptions) {
    this.zip = new ZipStreamWriter((chunk, final) => options.onChunk(chunk, final));
  }

  start(spec: EvalSpec, plan: EvalPlan): void {
    this.expectPhase('new', 'start');
    this.run = { spec, plan };
    this.phase = 'started';
    this.writeJson(EVAL_LOG_MEMBERS.start, { version: LOG_SCHEMA_VERSION, eval: spec, plan });
    this.checkpoint();
  }

  addSample(record: SampleRecord): void {
    this.expectPhase('started', 'addSample');
    const key = `${record.sample_id}_epoch_${record.epoch}`;
    if (this.sampleKeys.has(key)) throw new Error(`sample ${record.sample_id} epoch ${record.epoch} was already written`);
    const { spec, plan } = this.run!;
    const sample = toEvalSample(record, spec, plan);
    this.writeJson(sampleMemberName(sample.id, sample.epoch), sample);
    this.sampleKeys.add(key);
    this.summaries.push(utf8(stringifyInspectJson(toSampleSummary(sample))));
    if (this.summaries.length - this.journalBatchStart >= SUMMARY_BATCH_SIZE) {
      this.writeJournalBatch();
      this.checkpoint();
    }
  }

  finish(input: EvalLogFinishInput): void {
    this.expectPhase('started', 'finish');
    if (this.summaries.length > this.journalBatchStart) this.writeJournalBatch();
    this.writeMember(EVAL_LOG_MEMBERS.summaries, jsonArrayParts(this.summaries));
    if (input.reductions) this.writeJson(EVAL_LOG_MEMBERS.reductions, input.reductions.map(toSampleReductions));
    const { spec, plan } = this.run!;
    const header: EvalLog = {
      version: LOG_SCHEMA_VERSION,
      status: input.status,
      eval: spec,
      plan,
      results: input.results ? toEvalResults(input.results) : undefined,
      stats: {
        started_at: input.stats.started_at,
        completed_at: input.stats.completed_at,
        model_usage: mapValues(input.stats.model_usage, toModelUsage),
      },
      error: typeof input.error === 'string' ? toEvalError(input.error) : (input.error ?? undefined),
      invalidated: false,
    };
    this.writeJson(EVAL_LOG_MEMBERS.header, header);
    this.phase = 'finished';
    this.guard(() => this.zip.close());
  }

  private writeJournalBatch(): void {
    this.journalCount += 1;
    const batch = this.summaries.slice(this.journalBatchStart);
    this.writeMember(`${EVAL_LOG_MEMBERS.journalSummariesDir}${this.journalCount}.json`, jsonArrayParts(batch));
    this.journalBatchStart = this.summaries.length;
  }

  /**
   * A checkpoint repeats the whole central directory, which grows with every member. It is sent only
   * once at least as many member bytes have gone out since the last one, so checkpoints never add
   * more writing than the log itself (a checkpoint every batch would rewrite ~1 MB per 10 samples
   * near the end of a 14k-sample run).
   */
  private checkpoint(): void {
    if (!this.options.onCheckpoint || this.zip.size - this.checkpointedAt < this.zip.trailerLength) return;
    this.checkpointedAt = this.zip.size;
    this.guard(() => this.options.onCheckpoint!(this.zip.trailer()));
  }

  private writeJson(name: string, value: unknown): void {
    this.writeMember(name, [utf8(stringifyInspectJson(value))]);
  }

  private writeMember(name: string, parts: readonly Uint8Array[]): void {
    this.guard(() => this.zip.add(name, parts.length === 1 ? parts[0]! : Buffer.concat(parts)));
  }

  private guard(write: () => void): void {
    this.throwIfFailed();
    try {
      write();
    } catch (error) {
      this.failure = error;
      throw error;
    }
  }

  private expectPhase(phase: 'new' | 'started', call: string): void {
    this.throwIfFailed();
    if (this.phase !== phase) {
      const state = this.phase === 'new' ? 'before start()' : this.phase === 'started' ? 'after start()' : 'after finish()';
      throw new Error(`${call}() cannot be called ${state}`);
    }
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}

function utf8(text: string): Uint8Array {
  return Buffer.from(text, 'utf8');
}

/** `[`, the encoded items separated by commas, `]`: a JSON array built without re-serialising. */
function jsonArrayParts(items: readonly Uint8Array[]): Uint8Array[] {
  const parts: Uint8Array[] = [utf8('[\n')];
  const separator = utf8(',\n');
  items.forEach((item, i) => {
    if (i > 0) parts.push(separator);
    parts.push(item);
  });
  parts.push(utf8('\n]'));
  return parts;
}

/** Builds the Inspect sample for one record: messages with ids, output, scores and a minimal transcript. */
function toEvalSample(record: SampleRecord, spec: EvalSpec, plan: EvalPlan): EvalSample {
  const images: ImageTally = { seen: false };
  const messages = toEvalMessages(record, images);
  const generated = record.output ? messages.at(-1) : undefined;
  const output: EvalModelOutput = record.output
    ? {
        model: record.output.model,
        choices: [{ message: generated!, stop_reason: toStopReason(record.output.stop_reason) }],
        completion: record.output.completion,
        usage: record.output.usage ? toModelUsage(record.output.usage) : undefined,
        time: record.output.time_ms / 1000,
      }
    : { model: spec.model, choices: [], completion: '' };
  const input = typeof record.input === 'string' ? record.input : record.input.map((m) => toEvalMessage(m, images));
  const scores = Object.keys(record.scores).length > 0 ? mapValues(record.scores, toLogScore) : undefined;
  const sample: EvalSample = {
    id: record.sample_id,
    epoch: record.epoch,
    input,
    choices: record.choices,
    target: record.target,
    messages,
    output,
    scores,
    metadata: record.metadata,
    store: {},
    events: [],
    // SampleRecord.usage totals the model and grader calls without naming the grader, so it is
    // booked under the evaluated model.
    model_usage: record.usage ? { [spec.model]: toModelUsage(record.usage) } : {},
    started_at: record.started_at,
    completed_at: record.completed_at,
    total_time: record.total_time,
    working_time: record.working_time,
    uuid: newShortUuid(),
    error: record.error === null ? undefined : toEvalError(record.error),
    // Inspect's sample-level retries (a failed sample run again in the same log); our runner
    // never does that. SampleRecord.retries counts provider API retries: the model event's `retries`.
    error_retries: [],
    attachments: {},
  };
  sample.events = transcript(record, sample, generated, spec, plan);
  if (images.seen) condenseImages(sample);
  return sample;
}

/**
 * Conversation messages in Inspect's shape: user turns are the `input`, the final assistant turn
 * (when the model answered) is `generate` and names the model.
 */
function toEvalMessages(record: SampleRecord, images: ImageTally): EvalChatMessage[] {
  const last = record.messages.length - 1;
  const answered = record.output !== null && record.messages[last]?.role === 'assistant';
  const messages = record.messages.map((m, i) =>
    i === last && answered
      ? toEvalMessage(m, images, 'generate', record.output!.model)
      : toEvalMessage(m, images, m.role === 'user' ? 'input' : undefined),
  );
  if (record.output && !answered) {
    messages.push(toEvalMessage({ role: 'assistant', content: record.output.completion }, images, 'generate', record.output.model));
  }
  return messages;
}

/**
 * Whether a sample's messages carry an image part, noted as they are converted: only then is the sample condensed
 * (a walk over all its events). Noting it here keeps the writer free of the providers' runtime code, so the CLI's
 * log thread loads no HTTP client.
 */
interface ImageTally {
  seen: boolean;
}

function toEvalMessage(message: ChatMessage, images: ImageTally, source?: 'input' | 'generate', model?: string): EvalChatMessage {
  return { id: newShortUuid(), content: toEvalContent(message.content, images), source, role: message.role, model };
}

/** Content parts as Inspect serialises them (`exclude_none`): `ContentImage` always carries its `detail`. */
function toEvalContent(content: ChatMessage['content'], images: ImageTally): string | EvalContent[] {
  if (typeof content === 'string') return content;
  return content.map((part: Content) => {
    if (part.type === 'text') return { type: 'text', text: part.text };
    images.seen = true;
    return { type: 'image', image: part.image, detail: part.detail ?? 'auto' };
  });
}

function toStopReason(reason: string): EvalStopReason {
  return STOP_REASONS.has(reason) ? (reason as EvalStopReason) : 'unknown';
}

/** Copies the usage in Inspect's key order; the providers' usage is a subset of Inspect's. */
function toModelUsage(usage: ModelUsage): ModelUsage {
  return {
    input_tokens: usage.input_tokens,
    output_tokens: usage.output_tokens,
    total_tokens: usage.total_tokens,
    input_tokens_cache_write: usage.input_tokens_cache_write,
    input_tokens_cache_read: usage.input_tokens_cache_read,
    reasoning_tokens: usage.reasoning_tokens,
  };
}

function toLogScore(score: Score): EvalLogScore {
  return {
    value: score.value,
    answer: score.answer ?? undefined,
    explanation: score.explanation ?? undefined,
    metadata: score.metadata,
    history: [],
  };
}

/** No traceback is kept for our errors; repeating the message keeps the viewer's error panel informative. */
function toEvalError(message: string): EvalError {
  return { message, traceback: message, traceback_ansi: message };
}

/**
 * The events Inspect 0.3.141 records for a single-generate sample, with their spans: init
 * (sample_init), solvers (one span per plan step, the model call in the last) and scorers (one
 * score event per scorer). State and store patches and the raw provider call are not recorded.
 */
function transcript(
  record: SampleRecord,
  sample: EvalSample,
  generated: EvalChatMessage | undefined,
  spec: EvalSpec,
  plan: EvalPlan,
): EvalEvent[] {
  const startMs = parseTimestamp(record.started_at, 'started_at');
  const endMs = parseTimestamp(record.completed_at, 'completed_at');
  const t = new TranscriptBuilder();

  t.begin('init', 'init', startMs, 0);
  const initialMessages =
    typeof sample.input === 'string'
      ? [{ id: newShortUuid(), content: sample.input, source: 'input' as const, role: 'user' as const }]
      : sample.input;
  t.add('sample_init', startMs, 0, {
    sample: { input: sample.input, choices: sample.choices, target: sample.target, id: sample.id, metadata: sample.metadata },
    state: {
      messages: initialMessages,
      tools: [],
      tool_choice: null,
      store: {},
      output: { model: spec.model, choices: [], completion: '' },
      completed: false,
      metadata: sample.metadata,
    },
  });
  t.end(startMs, 0);

  // The model call is the last solver step; earlier steps (system message, templates) take no time.
  const generateSeconds = record.output ? record.output.time_ms / 1000 : 0;
  const generatedMs = startMs + (record.output?.time_ms ?? 0);
  t.begin('solvers', 'solvers', startMs, 0);
  const steps = plan.steps.length > 0 ? plan.steps.map((s) => s.solver) : ['generate'];
  steps.forEach((solver, i) => {
    const last = i === steps.length - 1;
    t.begin('solver', solver, startMs, 0);
    if (generated && last) {
      t.add('model', startMs, 0, {
        model: spec.model,
        input: sample.messages.filter((m) => m !== generated),
        tools: [],
        tool_choice: 'none',
        config: plan.config,
        output: sample.output,
        retries: record.retries > 0 ? record.retries : undefined,
        completed: t.timestamp(generatedMs),
        working_time: generateSeconds,
      });
    }
    t.end(last ? generatedMs : startMs, last ? generateSeconds : 0);
  });
  t.end(generatedMs, generateSeconds);

  if (sample.scores) {
    t.begin('scorers', 'scorers', endMs, record.working_time);
    for (const [name, score] of Object.entries(sample.scores)) {
      t.begin('scorer', name, endMs, record.working_time);
      t.add('score', endMs, record.working_time, { score, target: sample.target, intermediate: false });
      t.end(endMs, record.working_time);
    }
    t.end(endMs, record.working_time);
  }
  return t.events;
}

/** Appends events with Inspect's common fields and keeps the span nesting. */
class TranscriptBuilder {
  readonly events: EvalEvent[] = [];
  private readonly open: string[] = [];
  /** A sample's ~14 events fall on three instants (start, model reply, end): each is formatted once. */
  private readonly timestamps = new Map<number, string>();

  timestamp(atMs: number): string {
    let text = this.timestamps.get(atMs);
    if (text === undefined) {
      text = toInspectTimestamp(atMs, 'microseconds');
      this.timestamps.set(atMs, text);
    }
    return text;
  }

  begin(type: string, name: string, atMs: number, workingStart: number): void {
    const parent = this.open.at(-1);
    // Inspect span ids are uuid4 hex, unlike the shortuuid event ids.
    const id = randomUUID().replaceAll('-', '');
    this.open.push(id);
    this.add('span_begin', atMs, workingStart, { id, parent_id: parent, type, name });
  }

  end(atMs: number, workingStart: number): void {
    const id = this.open.at(-1);
    if (id === undefined) throw new Error('span_end without an open span');
    this.add('span_end', atMs, workingStart, { id });
    this.open.pop();
  }

  add(event: string, atMs: number, workingStart: number, fields: Record<string, unknown>): void {
    this.events.push({
      uuid: newShortUuid(),
      span_id: this.open.at(-1),
      timestamp: this.timestamp(atMs),
      working_start: workingStart,
      event,
      ...fields,
    });
  }
}

function parseTimestamp(value: string, field: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`SampleRecord.${field} is not an ISO timestamp: ${JSON.stringify(value)}`);
  return ms;
}

/** Inspect `EvalSample.summary()`: the sample without its heavy fields, text thinned. */
function toSampleSummary(sample: EvalSample): EvalSampleSummary {
  return {
    id: sample.id,
    epoch: sample.epoch,
    input: thinInput(sample.input),
    choices: sample.choices,
    target: sample.target,
    metadata: thinMetadata(sample.metadata),
    scores: sample.scores
      ? mapValues(sample.scores, (s) => ({
          value: s.value,
          answer: s.answer === undefined ? undefined : truncateText(s.answer),
          explanation: s.explanation === undefined ? undefined : truncateText(s.explanation),
          metadata: s.metadata === undefined ? undefined : thinMetadata(s.metadata),
          history: [],
        }))
      : undefined,
    model_usage: sample.model_usage,
    started_at: sample.started_at,
    completed_at: sample.completed_at,
    total_time: sample.total_time,
    working_time: sample.working_time,
    uuid: sample.uuid,
    error: sample.error?.message,
    retries: sample.error_retries?.length,
    completed: true,
    message_count: sample.messages.length,
  };
}

function thinInput(input: string | EvalChatMessage[]): string | EvalChatMessage[] {
  if (typeof input === 'string') return truncateText(input);
  // Inspect's `thin_input`: text truncated, every other part (an image) shown as `(Image)`.
  return input.map((m) => ({
    ...m,
    content:
      typeof m.content === 'string'
        ? truncateText(m.content)
        : m.content.map((part) => (part.type === 'text' ? { ...part, text: truncateText(String(part.text)) } : { type: 'text', text: `(${capitalize(part.type)})` })),
  }));
}

/** Python `str.capitalize()` of a part type (ASCII). */
function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
}

function truncateText(text: string): string {
  return text.length > SUMMARY_INPUT_MAX ? `${text.slice(0, SUMMARY_INPUT_MAX)}...\n(content truncated)` : text;
}

/** Inspect `thin_metadata`: numbers and booleans kept, strings shortened, everything else dropped. */
function thinMetadata(metadata: Record<string, unknown>): Record<string, unknown> {
  const thinned: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value === 'number' || typeof value === 'boolean') thinned[key] = value;
    else if (typeof value === 'string') thinned[key] = shorten(value, SUMMARY_METADATA_STRING_MAX);
  }
  return thinned;
}

/** Python's `textwrap.shorten(text, width, placeholder="...")`: whitespace collapsed, whole words kept. */
function shorten(text: string, width: number): string {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const collapsed = words.join(' ');
  if (collapsed.length <= width) return collapsed;
  const placeholder = '...';
  let kept = '';
  for (const word of words) {
    const next = kept === '' ? word : `${kept} ${word}`;
    if (next.length + placeholder.length > width) break;
    kept = next;
  }
  return kept + placeholder;
}

function toEvalResults(results: EvalLogResultsInput): EvalResults {
  return {
    total_samples: results.total_samples,
    completed_samples: results.completed_samples,
    scores: results.scores.map((score) => ({
      name: score.name,
      scorer: score.scorer,
      reducer: score.reducer,
      scored_samples: score.scored_samples,
      unscored_samples: score.unscored_samples,
      params: {},
      metrics: mapValues(score.metrics, (metric) => ({ name: metric.name, value: metric.value, params: {} })),
    })),
  };
}

/** Reduced values are numeric (Inspect's reducers return floats); dict-valued scores keep their reduced dict. */
function toSampleReductions(reduction: EvalLogReductionsInput): EvalSampleReductions {
  return {
    scorer: reduction.scorer,
    reducer: reduction.reducer,
    samples: reduction.samples.map((reduced) => ({
      value: isRecord(reduced.score.value) ? reduced.score.value : reduced.value,
      answer: reduced.score.answer ?? undefined,
      explanation: reduced.score.explanation ?? undefined,
      metadata: reduced.score.metadata,
      history: [],
      sample_id: reduced.sample_id,
    })),
  };
}

function isRecord(value: unknown): value is Record<string, string | number | boolean | null> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mapValues<T, U>(record: Record<string, T>, fn: (value: T) => U): Record<string, U> {
  const out: Record<string, U> = {};
  for (const [key, value] of Object.entries(record)) out[key] = fn(value);
  return out;
}
