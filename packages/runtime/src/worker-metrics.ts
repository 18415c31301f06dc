import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * Error classes of model calls, as operators ask about them: rate limited (429), the provider's own failures (5xx),
 * timeouts, transport failures below HTTP, other HTTP refusals (4xx: bad key, unknown model, bad request), the rest.
 */
export type ModelCallErrorClass = '429' | '5xx' | 'timeout' | 'network' | '4xx' | 'other';

/**
 * Classifies a model call's error by the fields packages/providers' `ProviderError` carries (`kind`, `status`),
 * read structurally so this package does not depend on the providers. `null` for an aborted call: a cancel or
 * a shutdown, not an error of the provider.
 */
export function classifyModelCallError(error: unknown): ModelCallErrorClass | null {
  const { kind, status } = (typeof error === 'object' && error !== null ? error : {}) as { kind?: unknown; status?: unknown };
  if (kind === 'aborted') return null;
  if (status === 429 || kind === 'rate_limit') return '429';
  if (typeof status === 'number' && status >= 500) return '5xx';
  if (kind === 'server') return '5xx';
  if (kind === 'timeout' || status === 408) return 'timeout';
  if (kind === 'network') return 'network';
  if (typeof status === 'number' && status >= 400) return '4xx';
  if (kind === 'auth' || kind === 'forbidden' || kind === 'not_found' || kind === 'bad_request') return '4xx';
  return 'other';
}

export interface WorkerMetricsOptions {
  /** Runs this process holds now, read at each scrape. */
  activeRuns: () => number;
  /** WORKER_CONCURRENCY. */
  concurrency: number;
}

/**
 * A worker's metrics, registered on `registry` (from `createMetricsRegistry('worker')`, served by
 * `startMetricsServer` on the worker's own port):
 * - `openbench_worker_samples_total{benchmark}`: finished (sample, epoch) items; `rate()` of it is samples/s;
 * - `openbench_model_call_duration_seconds{provider, outcome}`: one model call as a sample waits for it, retries
 *   and their backoff included; `outcome` is `ok` or `error`;
 * - `openbench_model_call_errors_total{provider, class}`: failed attempts, retried ones included, by
 *   `ModelCallErrorClass`;
 * - `openbench_worker_runs_active`, `openbench_worker_run_slots`: runs held now, and WORKER_CONCURRENCY;
 * - `openbench_worker_runs_finished_total{status}`: runs this process finished (completed, failed, canceled).
 * Labels stay bounded: benchmarks and providers are finite lists, models are not used as labels.
 */
export class WorkerMetrics {
  private readonly samples: Counter<'benchmark'>;
  private readonly callDuration: Histogram<'provider' | 'outcome'>;
  private readonly callErrors: Counter<'provider' | 'class'>;
  private readonly runsFinished: Counter<'status'>;

  constructor(registry: Registry, options: WorkerMetricsOptions) {
    this.samples = new Counter({
      name: 'openbench_worker_samples_total',
      help: 'Samples (sample, epoch items) finished and stored by this worker',
      labelNames: ['benchmark'],
      registers: [registry],
    });
    this.callDuration = new Histogram({
      name: 'openbench_model_call_duration_seconds',
      help: 'Duration of model calls as a sample waits for them, retries and backoff included',
      labelNames: ['provider', 'outcome'],
      buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
      registers: [registry],
    });
    this.callErrors = new Counter({
      name: 'openbench_model_call_errors_total',
      help: 'Failed model call attempts (retried ones included) by provider and class: 429, 5xx, timeout, network, 4xx, other',
      labelNames: ['provider', 'class'],
      registers: [registry],
    });
    this.runsFinished = new Counter({
      name: 'openbench_worker_runs_finished_total',
      help: 'Runs this worker finished, by final status',
      labelNames: ['status'],
      registers: [registry],
    });
    new Gauge({
      name: 'openbench_worker_runs_active',
      help: 'Runs this worker holds now',
      registers: [registry],
      collect() {
        this.set(options.activeRuns());
      },
    });
    new Gauge({ name: 'openbench_worker_run_slots', help: 'Runs this worker executes at once at most (WORKER_CONCURRENCY)', registers: [registry] }).set(
      options.concurrency,
    );
  }

  samplesFinished(benchmark: string, count = 1): void {
    if (count > 0) this.samples.inc({ benchmark }, count);
  }

  runFinished(status: 'completed' | 'failed' | 'canceled'): void {
    this.runsFinished.inc({ status });
  }

  /** For the model client's `onRetry`: a failed attempt that will be retried. */
  modelCallRetried(provider: string, error: unknown): void {
    const cls = classifyModelCallError(error);
    if (cls) this.callErrors.inc({ provider, class: cls });
  }

  /**
   * Times one model call (`client.generate(...)`) and counts its final failure; the attempts before it are counted
   * through `modelCallRetried`. An aborted call (cancel, shutdown) is neither timed nor counted.
   */
  async observeModelCall<T>(provider: string, call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      const result = await call();
      this.callDuration.observe({ provider, outcome: 'ok' }, (performance.now() - started) / 1000);
      return result;
    } catch (error) {
      const cls = classifyModelCallError(error);
      if (cls) {
        this.callErrors.inc({ provider, class: cls });
        this.callDuration.observe({ provider, outcome: 'error' }, (performance.now() - started) / 1000);
      }
      throw error;
    }
  }
}
