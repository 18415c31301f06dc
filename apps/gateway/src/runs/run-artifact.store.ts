/**
 * Where a finished run's artifacts come from: built once into PostgreSQL (run_artifacts), which every gateway
 * reads, and rebuilt only when the run's state differs from the one they were built from. Builds are bounded
 * per process (ARTIFACT_BUILD_CONCURRENCY, with ARTIFACT_BUILD_QUEUE waiting), concurrent requests of one
 * process share one build, and a build on another gateway is waited for (advisory lock, then polling).
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextMacrotask, setTimeout as sleep } from 'node:timers/promises';
import { findStoredArtifact, readRunDataMarks, replaceStoredArtifact, tryLockArtifactBuild, type RunRow, type StoredArtifact } from '@studio/db';
import type { AppDeps } from '../deps';
import { AppError } from '../errors/app-error';
import { STUDIO_VERSION } from '../version';

/**
 * Bump when what an artifact contains changes for the same run state (a builder's output format), so stored
 * artifacts built by older code are rebuilt. A new STUDIO_VERSION rebuilds them too.
 */
export const ARTIFACT_FORMAT_VERSION = 1;
/** How often a request waiting for another gateway's build looks for its result. */
const FOREIGN_BUILD_POLL_MS = 250;
/** How long a request waits for another gateway's build before answering 503. */
const FOREIGN_BUILD_WAIT_MS = 120_000;
const RETRY_AFTER_SECONDS = 5;
/** Longest stretch a build computes before it lets other requests through. */
const BUILD_SLICE_MS = 20;

const busy = () =>
  new AppError('SERVICE_UNAVAILABLE', 'Too many artifact downloads are being prepared; retry shortly', {
    headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
  });

/**
 * Passes a build's bytes through, pausing for a macrotask after every ~20 ms of work. Building a `.eval` is CPU
 * work (JSON, deflate) that only awaits the database between pages of 500 samples; the pauses keep the gateway
 * answering other requests meanwhile. Pausing the consumer pauses the producer, which is pulled.
 */
export async function* cooperative(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let since = performance.now();
  for await (const chunk of source) {
    yield chunk;
    if (performance.now() - since >= BUILD_SLICE_MS) {
      await nextMacrotask();
      since = performance.now();
    }
  }
}

/** At most `max` builds at once; up to `queue` more wait in order; beyond that, 503. */
export class BuildSlots {
  private active = 0;
  private readonly waiting = new Set<() => void>();

  constructor(
    private readonly max: number,
    private readonly queue: number,
  ) {}

  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.active < this.max) this.active++;
    else await this.wait(signal);
    try {
      return await fn();
    } finally {
      const [next] = this.waiting;
      if (next) {
        // The slot passes straight to the next waiter.
        this.waiting.delete(next);
        next();
      } else this.active--;
    }
  }

  private wait(signal?: AbortSignal): Promise<void> {
    if (this.waiting.size >= this.queue) return Promise.reject(busy());
    return new Promise<void>((resolve, reject) => {
      const admitted = () => {
        signal?.removeEventListener('abort', aborted);
        resolve();
      };
      const aborted = () => {
        this.waiting.delete(admitted);
        reject(signal!.reason);
      };
      if (signal?.aborted) return reject(signal.reason);
      signal?.addEventListener('abort', aborted, { once: true });
      this.waiting.add(admitted);
    });
  }
}

interface ProcessBuilds {
  slots: BuildSlots;
  /** Builds in flight in this process, by run, path and state: concurrent requests share one. */
  inFlight: Map<string, Promise<StoredArtifact>>;
}

const perProcess = new WeakMap<AppDeps, ProcessBuilds>();

/** This gateway's build state (one per app instance, so per process in production). */
export function processBuilds(deps: AppDeps): ProcessBuilds {
  let builds = perProcess.get(deps);
  if (!builds) {
    builds = { slots: new BuildSlots(deps.config.artifactBuilds.concurrency, deps.config.artifactBuilds.queue), inFlight: new Map() };
    perProcess.set(deps, builds);
  }
  return builds;
}

/**
 * The state a finished run's artifacts are built from: every column of the run (tags and notes included: a
 * later builder may show them, and an edit must never leave a stale artifact), how many samples and log lines
 * it has, and the code's artifact format.
 */
export async function artifactFingerprint(deps: AppDeps, row: RunRow): Promise<string> {
  const { updated_at: _touched, ...state } = row;
  const marks = await readRunDataMarks(deps.db, row.run_id);
  const source = JSON.stringify({ format: ARTIFACT_FORMAT_VERSION, studio: STUDIO_VERSION, state, marks });
  return createHash('sha256').update(source).digest('base64url');
}

/** The stored artifact of a finished run in its current state, built (once, across gateways) when missing or stale. */
export async function storedArtifact(deps: AppDeps, row: RunRow, path: string, build: () => Readable): Promise<StoredArtifact> {
  const fingerprint = await artifactFingerprint(deps, row);
  const existing = await findStoredArtifact(deps.db, row.run_id, path);
  if (existing?.fingerprint === fingerprint) return existing;
  const { inFlight } = processBuilds(deps);
  const key = `${row.run_id}\u0000${path}\u0000${fingerprint}`;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = buildOnce(deps, row, path, fingerprint, build).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

async function buildOnce(deps: AppDeps, row: RunRow, path: string, fingerprint: string, build: () => Readable): Promise<StoredArtifact> {
  const { slots } = processBuilds(deps);
  const deadline = Date.now() + FOREIGN_BUILD_WAIT_MS;
  for (;;) {
    const built = await slots.run(() =>
      deps.db.transaction().execute(async (trx) => {
        if (!(await tryLockArtifactBuild(trx, row.run_id, path))) return undefined;
        // Another gateway may have finished this build while we waited for the lock.
        const current = await findStoredArtifact(trx, row.run_id, path);
        if (current?.fingerprint === fingerprint) return current;
        const started = Date.now();
        const stored = await replaceStoredArtifact(trx, { runId: row.run_id, path, fingerprint }, cooperative(build()));
        deps.logger.info('artifact built', { run_id: row.run_id, path, bytes: stored.size, ms: Date.now() - started });
        return stored;
      }),
    );
    if (built) return built;
    // Another gateway holds the lock: it is building this artifact. Wait for its result.
    await sleep(FOREIGN_BUILD_POLL_MS);
    const current = await findStoredArtifact(deps.db, row.run_id, path);
    if (current?.fingerprint === fingerprint) return current;
    if (Date.now() > deadline) throw busy();
  }
}
