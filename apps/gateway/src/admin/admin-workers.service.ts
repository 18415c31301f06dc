import { findRuns } from '@studio/db';
import { WorkerHeartbeats, readRunQueueDepth } from '@studio/runtime';
import type { AppDeps } from '../deps';
import { AppError } from '../errors/app-error';
import { withTimeout } from '../common/with-timeout';
import { toProgress } from '../runs/run.mapper';
import type { RunProgress } from '../runs/run.types';

const REDIS_TIMEOUT_MS = 3000;

export interface WorkerRunInfo {
  run_id: string;
  /** When the worker took the run (ISO-8601). */
  since: string;
  /** From the database; null when the run is gone. */
  benchmark: string | null;
  model: string | null;
  status: string | null;
  user_id: string | null;
  progress: RunProgress | null;
}

export interface WorkerInfo {
  worker_id: string;
  hostname: string;
  pid: number;
  /** ISO-8601. */
  started_at: string;
  /** The worker's last heartbeat (ISO-8601, by its clock). */
  last_seen_at: string;
  /** Runs it executes at once at most. */
  concurrency: number;
  /** Shutting down: takes no new run, hands those it holds back. */
  draining: boolean;
  runs: WorkerRunInfo[];
}

export interface QueueDepthInfo {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
  /** Seconds the oldest waiting run has waited; 0 when none waits. */
  oldest_waiting_age_seconds: number;
}

export interface WorkersResponse {
  workers: WorkerInfo[];
  /** Runs executable at once by the live workers, and how many they hold. */
  capacity: { slots: number; busy: number };
  queue: QueueDepthInfo;
}

/** Live workers from their heartbeats in Redis, their runs as the database has them, and the queue's depth. */
export async function listWorkers(deps: AppDeps): Promise<WorkersResponse> {
  const heartbeats = new WorkerHeartbeats(deps.redis, deps.config.redisPrefix);
  const [beats, depth] = await Promise.all([
    withTimeout(heartbeats.list(), REDIS_TIMEOUT_MS, 'listing workers'),
    withTimeout(readRunQueueDepth(deps.runQueue), REDIS_TIMEOUT_MS, 'reading the queue'),
  ]).catch((error: unknown) => {
    deps.logger.warn('worker list unavailable', { error });
    throw new AppError('SERVICE_UNAVAILABLE', 'Redis is not reachable, so workers and the queue cannot be read; try again shortly');
  });
  const rows = new Map((await findRuns(deps.db, beats.flatMap((w) => w.runs.map((r) => r.run_id)))).map((r) => [r.run_id, r]));
  const workers = beats.map((w): WorkerInfo => ({
    worker_id: w.worker_id,
    hostname: w.hostname,
    pid: w.pid,
    started_at: w.started_at,
    last_seen_at: w.beat_at,
    concurrency: w.concurrency,
    draining: w.draining,
    runs: w.runs.map((r): WorkerRunInfo => {
      const row = rows.get(r.run_id);
      return {
        run_id: r.run_id,
        since: r.since,
        benchmark: row?.benchmark ?? null,
        model: row?.model ?? null,
        status: row?.status ?? null,
        user_id: row?.user_id ?? null,
        progress: row ? toProgress(row) : null,
      };
    }),
  }));
  const c = depth.counts;
  return {
    workers,
    capacity: { slots: workers.filter((w) => !w.draining).reduce((n, w) => n + w.concurrency, 0), busy: workers.reduce((n, w) => n + w.runs.length, 0) },
    queue: { waiting: c.waiting + c.prioritized, active: c.active, delayed: c.delayed, failed: c.failed, completed: c.completed, oldest_waiting_age_seconds: Math.round(depth.oldestWaitingAgeSeconds * 10) / 10 },
  };
}
