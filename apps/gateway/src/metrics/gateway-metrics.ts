import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { QueueName, RUN_STATUSES } from '@studio/contracts';
import { countRunsByStatus, type Db } from '@studio/db';
import { RUN_QUEUE_STATES, createMetricsRegistry, readRunQueueDepth, type RunQueue } from '@studio/runtime';
import { withTimeout } from '../common/with-timeout';

/** A scrape must answer even with Redis or Postgres away: each source gets this long. */
const COLLECT_TIMEOUT_MS = 2000;
/** One queue reading serves every queue gauge of a scrape. */
const QUEUE_READING_REUSE_MS = 1000;
/** Runs by status come from Postgres; counted at most this often, whatever the scrape interval. A failed count is retried after as long. */
const RUN_COUNTS_TTL_MS = 15_000;

/** Mounted apps with routes of their own (docs, dashboards): one label each, whatever path inside them. */
const MOUNTED_PREFIXES = ['/docs', '/redoc', '/admin/queues'];

export interface GatewayMetricsSources {
  runQueue: RunQueue;
  db: Db;
  /** SSE clients subscribed now. */
  sseSubscribers: () => number;
}

/**
 * The gateway's metrics (served on METRICS_PORT, apart from the API):
 * - `openbench_http_request_duration_seconds{method, route, status_code}`: `route` is the route template
 *   (`/api/runs/:run_id`), never the raw path, so labels stay bounded; unknown paths are `unmatched`;
 * - `openbench_queue_jobs{queue, state}` and `openbench_queue_oldest_waiting_job_age_seconds{queue}`: the BullMQ
 *   run queue, read at scrape time (every gateway reports the same queue: aggregate with max, not sum);
 * - `openbench_runs{status}`: runs in Postgres by status (cached 15 s);
 * - `openbench_sse_subscribers`: open run event streams on this gateway;
 * - `openbench_metrics_collect_errors_total{source}`: a source (queue, runs) that could not be read for a scrape;
 * - Node's `process_*` and `nodejs_*` metrics, event-loop lag among them.
 */
export class GatewayMetrics {
  readonly registry: Registry;
  private readonly requestDuration: Histogram<'method' | 'route' | 'status_code'>;

  constructor(sources: GatewayMetricsSources) {
    const registry = createMetricsRegistry('gateway');
    this.registry = registry;
    this.requestDuration = new Histogram({
      name: 'openbench_http_request_duration_seconds',
      help: 'HTTP requests by method, route template and status code; event streams count until they close',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
    const countError = (source: string) => () => collectErrors.inc({ source });
    // One reading serves every gauge of a scrape (prom-client collects metrics concurrently); runs are read less often.
    const readDepth = sharedReading(() => readRunQueueDepth(sources.runQueue), QUEUE_READING_REUSE_MS, countError('queue'));
    const readRunCounts = sharedReading(() => countRunsByStatus(sources.db), RUN_COUNTS_TTL_MS, countError('runs'));
    const collectErrors = new Counter({
      name: 'openbench_metrics_collect_errors_total',
      help: 'Scrapes for which a source could not be read (queue: Redis, runs: Postgres)',
      labelNames: ['source'],
      registers: [registry],
      // Counted before it is read: this scrape's failures show in this scrape.
      async collect() {
        await Promise.all([readDepth(), readRunCounts()]);
      },
    });
    const queue = QueueName.Runs;
    new Gauge({
      name: 'openbench_queue_jobs',
      help: 'Jobs of the run queue by state (waiting, active, delayed, prioritized, failed, completed)',
      labelNames: ['queue', 'state'],
      registers: [registry],
      async collect() {
        const depth = await readDepth();
        this.reset();
        if (depth) for (const state of RUN_QUEUE_STATES) this.set({ queue, state }, depth.counts[state]);
      },
    });
    new Gauge({
      name: 'openbench_queue_oldest_waiting_job_age_seconds',
      help: 'Seconds the oldest waiting job of the queue has waited since it was enqueued (0 when none waits)',
      labelNames: ['queue'],
      registers: [registry],
      async collect() {
        const depth = await readDepth();
        this.reset();
        if (depth) this.set({ queue }, depth.oldestWaitingAgeSeconds);
      },
    });
    new Gauge({
      name: 'openbench_runs',
      help: 'Runs in the database by status',
      labelNames: ['status'],
      registers: [registry],
      async collect() {
        const counts = await readRunCounts();
        this.reset();
        if (counts) for (const status of RUN_STATUSES) this.set({ status }, counts[status] ?? 0);
      },
    });
    new Gauge({
      name: 'openbench_sse_subscribers',
      help: 'Open Server-Sent Events streams of run events on this gateway',
      registers: [registry],
      collect() {
        this.set(sources.sseSubscribers());
      },
    });
  }

  /** Times every request until its response finishes (or the client goes away). */
  observeRequests(): RequestHandler {
    return (req, res, next) => {
      const end = this.requestDuration.startTimer();
      let done = false;
      const record = () => {
        if (done) return;
        done = true;
        end({ method: req.method, route: routeTemplate(req.route?.path, res.locals.routeBase, req.originalUrl), status_code: String(res.statusCode) });
      };
      res.once('finish', record);
      res.once('close', record);
      next();
    };
  }
}

/**
 * `read()` under COLLECT_TIMEOUT_MS, shared by every caller for `reuseMs`; a failure gives null to all of them and
 * calls `onError` once.
 */
function sharedReading<T>(read: () => Promise<T>, reuseMs: number, onError: () => void): () => Promise<T | null> {
  let last: { at: number; value: Promise<T | null> } | null = null;
  return () => {
    if (!last || Date.now() - last.at > reuseMs) {
      const value = withTimeout(read(), COLLECT_TIMEOUT_MS, 'reading a metrics source').catch(() => {
        onError();
        return null;
      });
      last = { at: Date.now(), value };
    }
    return last.value;
  };
}

/**
 * `/api/runs/:run_id` for a request a route handled (its router's mount path, recorded on entry, plus the route's
 * path); the mount path for the mounted apps; `unmatched` otherwise, so that scanners cannot create series.
 */
export function routeTemplate(routePath: unknown, routeBase: unknown, originalUrl: string): string {
  if (typeof routePath === 'string') return `${typeof routeBase === 'string' ? routeBase : ''}${routePath}`;
  const path = originalUrl.split('?')[0];
  return MOUNTED_PREFIXES.find((p) => path === p || path.startsWith(`${p}/`)) ?? 'unmatched';
}

/** Records the router's mount path on entry (Express restores `req.baseUrl` when an error leaves the router). */
export const recordRouteBase: RequestHandler = (req, res, next) => {
  res.locals.routeBase = req.baseUrl;
  next();
};
