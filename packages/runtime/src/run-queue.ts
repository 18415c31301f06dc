import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import { ExecuteRunPayloadSchema, QueueName, type ExecuteRunPayload, type RunJobDescriptor, type RunJobResult } from '@studio/contracts';

/** BullMQ key prefix for a deployment; keeps queues of different deployments and test files apart. */
export function bullPrefix(redisPrefix: string): string {
  return `${redisPrefix}:bull`;
}

/**
 * The Redis key of one of the run queue's lists, as BullMQ lays keys out (`<prefix>:<queue>:<list>`): `wait` holds
 * the ids of jobs waiting for a worker, `active` those being executed. Autoscalers that read a list's length
 * (KEDA's redis trigger) need exactly these names.
 */
export function runQueueListKey(redisPrefix: string, list: 'wait' | 'active'): string {
  return `${bullPrefix(redisPrefix)}:${QueueName.Runs}:${list}`;
}

/** How long and how many finished run jobs Redis keeps, so that it stays bounded whatever the traffic. */
export const RUN_JOB_RETENTION = {
  /** Completed jobs (runs that completed or were canceled): one day, at most 10 000. */
  completed: { age: 24 * 3600, count: 10_000 },
  /**
   * Failed jobs (failed runs, or jobs whose attempts all failed): a week, at most 50 000. Longer than completed ones,
   * because they are what an operator looks into, and the worker's reconciler reads a failed job's reason when it
   * decides what to do with a run that stopped moving.
   */
  failed: { age: 7 * 24 * 3600, count: 50_000 },
} as const;

/**
 * Defaults for run jobs. The job id is the run id (duplicates are no-ops). Attempts come into play when a
 * worker dies holding the job (stalled check) or cannot reach Postgres to record the outcome even after its
 * own retries; a run whose outcome is recorded settles its job for good (`settleRunJob`). A job that fails all
 * its attempts is re-enqueued by the worker's reconciler a bounded number of times.
 */
export const RUN_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: RUN_JOB_RETENTION.completed,
  removeOnFail: RUN_JOB_RETENTION.failed,
};

export type RunQueue = Queue<ExecuteRunPayload, RunJobResult, string>;

export function createRunQueue(connection: ConnectionOptions, redisPrefix: string): RunQueue {
  return new Queue<ExecuteRunPayload, RunJobResult, string>(QueueName.Runs, {
    connection,
    prefix: bullPrefix(redisPrefix),
    defaultJobOptions: RUN_JOB_OPTIONS,
  });
}

/** Job name a dashboard lists: what the run is, e.g. `mmlu · openai/gpt-4o`. */
export function runJobName(run: Pick<RunJobDescriptor, 'benchmark' | 'model'>): string {
  return `${run.benchmark} · ${run.model}`;
}

/** Job name of a job enqueued by run id alone. */

/**
 * Adds the run's job (id = run id; a job with that id already present makes this a no-op). The run (its row has
 * these columns) gives the job the fields dashboards show.
 */
export async function enqueueRun(queue: RunQueue, run: RunJobDescriptor): Promise<void> {
  const payload = ExecuteRunPayloadSchema.required().parse({ run_id: run.run_id, benchmark: run.benchmark, model: run.model, user_id: run.user_id });
  await queue.add(runJobName(payload), payload, { jobId: payload.run_id });
}

/**
 * Adds the jobs of several runs in one step: BullMQ's `addBulk` adds them in one Redis transaction, so either every
 * job lands or none does.
 */
export async function enqueueRuns(queue: RunQueue, runs: readonly RunJobDescriptor[]): Promise<void> {
  const payloads = runs.map((run) => ExecuteRunPayloadSchema.required().parse({ run_id: run.run_id, benchmark: run.benchmark, model: run.model, user_id: run.user_id }));
  await queue.addBulk(payloads.map((payload) => ({ name: runJobName(payload), data: payload, opts: { jobId: payload.run_id } })));
}

/** The states a queue dashboard or metric counts jobs in. */
export const RUN_QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'] as const;
export type RunQueueState = (typeof RUN_QUEUE_STATES)[number];

export interface RunQueueDepth {
  counts: Record<RunQueueState, number>;
  /** Seconds since the oldest waiting job was enqueued; 0 when none waits. */
  oldestWaitingAgeSeconds: number;
}

/**
 * How many run jobs are in each state, and how long the oldest waiting one has waited: whether workers keep up.
 * Two cheap Redis calls (BullMQ's counting script and the tail of the wait list).
 */
export async function readRunQueueDepth(queue: RunQueue, now = Date.now()): Promise<RunQueueDepth> {
  const raw = await queue.getJobCounts(...RUN_QUEUE_STATES);
  const counts = Object.fromEntries(RUN_QUEUE_STATES.map((s) => [s, raw[s] ?? 0])) as Record<RunQueueState, number>;
  // asc = oldest first: the first waiting job is the one enqueued longest ago.
  const [oldest] = counts.waiting > 0 ? await queue.getJobs(['waiting'], 0, 0, true) : [];
  return { counts, oldestWaitingAgeSeconds: oldest ? Math.max(0, (now - oldest.timestamp) / 1000) : 0 };
}
