import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { isTerminal } from '@studio/contracts';
import { countRunSamples, iterateRunLogs, iterateRunSamples, listRunSamples, readStoredArtifact, type RunRow, type StoredArtifact } from '@studio/db';
import type { EvalScore, SampleRecord } from '@studio/engine';
import type { AppDeps } from '../deps';
import { AppError } from '../errors/app-error';
import { checkArtifactPath } from './artifact-path.guard';
import { evalLogPage, evalLogPath, evalLogStream, runDataset } from './run-eval-log.builder';
import { clampPage, runConfig, toSummaryV1 } from './run.mapper';
import { requireRun } from './run-access.guard';
import { cooperative, processBuilds, storedArtifact } from './run-artifact.store';
import { targetText, toEvalDataSample } from './run-samples.mapper';
import type { EvalDataMetric, EvalDataResponse } from './run.types';

/** One artifact with what HTTP needs to serve it whole or by ranges. */
export interface Artifact {
  filename: string;
  contentType: string;
  /** Bytes. */
  size: number;
  /** Quoted strong entity tag of the content. */
  etag: string;
  /** Bytes `start`..`end` (inclusive), produced as they are sent. */
  read(start: number, end: number): Readable;
}

const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json; charset=utf-8',
  '.log': 'text/plain; charset=utf-8',
  '.jsonl': 'application/x-ndjson',
  '.csv': 'text/csv; charset=utf-8',
  '.eval': 'application/zip',
};

const CSV_HEADER = ['sample_id', 'epoch', 'score', 'answer', 'target', 'correct', 'error'];
/** Text artifacts are sent in chunks of about this size rather than a write per line. */
const CHUNK_CHARS = 64 * 1024;
const EVAL_DATA_MAX_PER_PAGE = 1000;
/** Built from the run row alone, in microseconds: never stored, never waiting for a build slot. */
const ROW_ARTIFACTS = new Set(['config.json', 'summary.json']);

/**
 * What a run has to download in its state: the configuration always; logs, samples and the Inspect log
 * once a worker started it; the summary once it finished.
 */
export function artifactPaths(row: RunRow): string[] {
  const paths = ['config.json'];
  if (row.started_at !== null) paths.push('run.log', 'samples.jsonl', 'results.csv', evalLogPath(row));
  if (toSummaryV1(row) !== null) paths.push('summary.json');
  return paths.sort();
}

function extension(path: string): string {
  return path.slice(path.lastIndexOf('.'));
}

async function* chunked(lines: AsyncIterable<string>): AsyncGenerator<string> {
  let buffer = '';
  for await (const line of lines) {
    buffer += line;
    if (buffer.length >= CHUNK_CHARS) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}

function textStream(lines: AsyncIterable<string>): Readable {
  return Readable.from(chunked(lines), { objectMode: false });
}

/** RFC 4180: fields with a quote, comma or line break are quoted, quotes doubled; rows end in CRLF. */
function csvRow(fields: readonly (string | number | null)[]): string {
  return `${fields
    .map((f) => {
      const s = f === null ? '' : String(f);
      return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
    })
    .join(',')}\r\n`;
}


export class RunArtifactService {
  constructor(private readonly deps: AppDeps) {}

  /**
   * A run's artifact; `path` is as the router decoded it. A finished run's artifacts (but the two built from the
   * run row) are stored on first use and read back from storage; a running run's are built for each request,
   * bounded like the stored builds, and not kept (they change with every sample). `signal` gives up waiting for a
   * build slot when the client goes away.
   */
  async open(runId: string, rawPath: string, signal?: AbortSignal): Promise<Artifact> {
    const path = checkArtifactPath(rawPath);
    const row = await requireRun(this.deps.db, runId);
    if (!artifactPaths(row).includes(path)) throw new AppError('RESOURCE_NOT_FOUND', `Artifact "${path}" not found`);
    const described = { filename: path.slice(path.lastIndexOf('/') + 1), contentType: CONTENT_TYPES[extension(path)]! };
    if (ROW_ARTIFACTS.has(path)) return { ...described, ...inMemory(await collect(this.body(row, path))) };
    if (!isTerminal(row.status)) {
      const bytes = await processBuilds(this.deps).slots.run(() => collect(this.body(row, path)), signal);
      return { ...described, ...inMemory(bytes) };
    }
    const stored = await storedArtifact(this.deps, row, path, () => this.body(row, path));
    return { ...described, ...fromStorage(this.deps, stored) };
  }

  /** One page of the run's `.eval` log as JSON for the eval viewer. */
  async evalData(runId: string, rawPath: string, pageParam?: number, perPageParam?: number): Promise<EvalDataResponse> {
    const path = checkArtifactPath(rawPath);
    const row = await requireRun(this.deps.db, runId);
    if (!path.endsWith('.eval'))
      throw new AppError('VALIDATION_ERROR', 'path: eval-data reads Inspect .eval logs only', {
        fields: [{ field: 'path', message: 'must be the path of an .eval log' }],
      });
    if (!artifactPaths(row).includes(path)) throw new AppError('RESOURCE_NOT_FOUND', `Artifact "${path}" not found`);

    const { page, perPage } = clampPage(pageParam, perPageParam, 100, EVAL_DATA_MAX_PER_PAGE);
    const [total, rows, custom] = await Promise.all([
      countRunSamples(this.deps.db, row.run_id),
      listRunSamples(this.deps.db, row.run_id, { offset: (page - 1) * perPage, limit: perPage }),
      runDataset(this.deps.db, row),
    ]);
    const log = evalLogPage(row, rows, custom);
    const limit = log.eval.config.limit;
    return {
      status: log.status,
      eval_name: log.eval.task,
      model: log.eval.model,
      dataset: log.eval.dataset.name ?? null,
      created: log.eval.created,
      completed: log.stats.completed_at || null,
      total_samples: total,
      metrics: flattenMetrics(log.results?.scores ?? []),
      samples: (log.samples ?? []).map(toEvalDataSample),
      config: { limit: typeof limit === 'number' ? limit : null, epochs: log.eval.config.epochs ?? null },
      page,
      per_page: perPage,
      has_more: page * perPage < total,
    };
  }

  private body(row: RunRow, path: string): Readable {
    const { db } = this.deps;
    const json = (value: unknown) => Readable.from([Buffer.from(`${JSON.stringify(value, null, 2)}\n`)], { objectMode: false });
    switch (path) {
      case 'config.json':
        return json(runConfig(row));
      case 'summary.json':
        return json(toSummaryV1(row));
      case 'run.log':
        return textStream(mapAsync(iterateRunLogs(db, row.run_id), (l) => `[${l.stream}] ${l.line}\n`));
      case 'samples.jsonl':
        return textStream(mapAsync(iterateRunSamples(db, row.run_id), (s) => `${JSON.stringify(s.record)}\n`));
      case 'results.csv':
        return textStream(prepend(csvRow(CSV_HEADER), mapAsync(iterateRunSamples(db, row.run_id), (s) => resultsRow(s.record as unknown as SampleRecord, s.score))));
      default:
        return evalLogStream(db, row);
    }
  }
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of cooperative(stream)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function inMemory(bytes: Buffer): Pick<Artifact, 'size' | 'etag' | 'read'> {
  return {
    size: bytes.length,
    etag: `"${createHash('sha256').update(bytes).digest('base64url')}"`,
    read: (start, end) => Readable.from([bytes.subarray(start, end + 1)], { objectMode: false }),
  };
}

function fromStorage(deps: AppDeps, stored: StoredArtifact): Pick<Artifact, 'size' | 'etag' | 'read'> {
  return {
    size: stored.size,
    etag: stored.etag,
    read: (start, end) => Readable.from(readStoredArtifact(deps.db, stored, start, end), { objectMode: false }),
  };
}

async function* mapAsync<T>(items: AsyncIterable<T>, fn: (item: T) => string): AsyncGenerator<string> {
  for await (const item of items) yield fn(item);
}

async function* prepend(first: string, rest: AsyncIterable<string>): AsyncGenerator<string> {
  yield first;
  yield* rest;
}

/** One CSV row per sample × epoch; `correct` means full credit on the first scorer. */
function resultsRow(record: SampleRecord, score: number | null): string {
  const first = Object.values(record.scores)[0];
  return csvRow([
    String(record.sample_id),
    record.epoch,
    score,
    first?.answer ?? null,
    targetText(record.target),
    score === null ? null : String(score === 1),
    record.error,
  ]);
}

/** Metrics of every score; a name several scores (reducers) share keeps its first value, the others get `<reducer>/<name>`. */
function flattenMetrics(scores: readonly EvalScore[]): Record<string, EvalDataMetric> {
  const out: Record<string, EvalDataMetric> = {};
  for (const score of scores) {
    for (const metric of Object.values(score.metrics)) {
      const key = metric.name in out ? `${score.reducer ?? score.name}/${metric.name}` : metric.name;
      out[key] = { value: Number.isFinite(metric.value) ? metric.value : null, name: metric.name, reducer: score.reducer ?? null };
    }
  }
  return out;
}
