import { hostname } from 'node:os';
import { UnrecoverableError, Worker } from 'bullmq';
import { QueueName, type ExecuteRunPayload, type RunJobResult, type ScheduleTickPayload, type WebhookDeliveryPayload } from '@studio/contracts';
import { createDb } from '@studio/db';
import { configureSandbox, describeSandbox } from '@studio/engine';
import { ConnectionPools } from '@studio/providers';
import {
  RunProtocol,
  WorkerHeartbeats,
  WorkerMetrics,
  bullPrefix,
  createLogger,
  createMetricsRegistry,
  createRedis,
  createRunQueue,
  createScheduleQueue,
  createWebhookQueue,
  startMetricsServer,
  startWorkerHeartbeat,
  webhookBackoff,
  type Logger,
  type MetricsServer,
} from '@studio/runtime';
import type { WorkerConfig } from './config';
import { RunProcessor, staleAfterMs } from './run.processor';
import { LIVE_JOB_STATES, RunReconciler, findRunJob } from './run.reconciler';
import { RunRegistry } from './run.registry';
import { ScheduleTicker } from './schedule.ticker';
import { WebhookSender } from './webhook.sender';

/** Deliveries sent at once per worker process: each mostly waits on a receiver. */
const WEBHOOK_CONCURRENCY = 10;
/** Schedule ticks handled at once per worker process: each is a few queries and an enqueue. */
const SCHEDULE_TICK_CONCURRENCY = 5;

export interface WorkerApp {
  readonly workerId: string;
  /** `http://<host>:<port>` of the Prometheus listener, when METRICS_PORT is not off. */
  readonly metricsUrl: string | undefined;
  /**
   * Graceful shutdown: take no new job, let in-flight samples finish (at most SHUTDOWN_GRACE_MS), store them,
   * hand every held run back to the queue, then close all connections.
   */
  stop(): Promise<void>;
}

export function createWorkerLogger(config: WorkerConfig): Logger {
  return createLogger({ level: config.logLevel, json: config.env === 'production', service: 'worker' });
}

/** Connects to Postgres and Redis and starts taking run jobs. */
export async function startWorker(config: WorkerConfig, logger: Logger = createWorkerLogger(config)): Promise<WorkerApp> {
  // Code benchmarks run the model's code in this sandbox; its level is detected once and said in the log.
  const codeSandbox = configureSandbox(config.sandbox);
  void codeSandbox.report().then(
    (report) => logger.info(describeSandbox(report)),
    (err: unknown) => logger.warn('could not probe the code sandbox', { error: String(err) }),
  );
  const db = createDb(config.databaseUrl, { max: config.databasePoolSize, applicationName: 'openbench-worker' });
  const redis = createRedis(config.redisUrl);
  const workerRedis = createRedis(config.redisUrl);
  const queueRedis = createRedis(config.redisUrl);
  const events = new RunProtocol(redis, config.redisPrefix);
  const registry = new RunRegistry();
  // Every worker hears every cancel; only the one holding the run acts on it.
  const cancels = events.createCancelListener(
    (runId) => {
      if (registry.stop(runId, 'cancel')) logger.info('cancel requested', { run_id: runId });
    },
    (err) => logger.debug('cancel listener connection error', { error: err.message }),
  );
  await cancels.start();
  const queue = createRunQueue(queueRedis, config.redisPrefix);
  const webhooks = createWebhookQueue(queueRedis, config.redisPrefix);
  const schedules = createScheduleQueue(queueRedis, config.redisPrefix);
  const metricsRegistry = createMetricsRegistry('worker');
  const metrics = new WorkerMetrics(metricsRegistry, { activeRuns: () => registry.size, concurrency: config.concurrency });
  let metricsServer: MetricsServer | undefined;
  if (config.metrics) metricsServer = await startMetricsServer({ registry: metricsRegistry, ...config.metrics });
  const connections = new ConnectionPools();
  const processor = new RunProcessor({ config, db, events, logger, registry, metrics, webhooks, connections });
  const worker = new Worker<ExecuteRunPayload, RunJobResult | undefined>(QueueName.Runs, (job, token) => processor.process(job, token), {
    connection: workerRedis,
    prefix: bullPrefix(config.redisPrefix),
    concurrency: config.concurrency,
    stalledInterval: config.stalledIntervalMs,
    lockDuration: config.lockDurationMs,
    maxStalledCount: config.maxStalledCount,
    name: config.workerId,
  });
  // Without listeners BullMQ prints to stderr; connection errors recover on their own (ioredis reconnects).
  const onQueueError = (err: Error) => logger.warn('queue connection error', { error: err.message });
  worker.on('error', onQueueError);
  queue.on('error', onQueueError);
  webhooks.on('error', onQueueError);
  schedules.on('error', onQueueError);
  // Webhook deliveries go out from workers only, never from a gateway's request path; each is a job with retries.
  const sender = new WebhookSender({
    db,
    logger,
    encryption: config.encryption,
    policy: { blockPrivate: config.blockPrivateBaseUrls },
    timeoutMs: config.webhookTimeoutMs,
  });
  const webhookWorker = new Worker<WebhookDeliveryPayload, void>(QueueName.WebhookDeliveries, (job) => sender.process(job), {
    connection: workerRedis,
    prefix: bullPrefix(config.redisPrefix),
    concurrency: WEBHOOK_CONCURRENCY,
    settings: { backoffStrategy: webhookBackoff(config.webhookRetryDelayMs) },
    name: config.workerId,
  });
  webhookWorker.on('error', onQueueError);
  // A schedule's ticks: BullMQ's job scheduler adds one job per tick, which exactly one worker takes.
  const ticker = new ScheduleTicker({ db, redis, redisPrefix: config.redisPrefix, runQueue: queue, scheduleQueue: schedules, events, logger, limits: config.runLimits });
  const tickWorker = new Worker<ScheduleTickPayload, void>(QueueName.ScheduleTicks, (job) => ticker.process(job), {
    connection: workerRedis,
    prefix: bullPrefix(config.redisPrefix),
    concurrency: SCHEDULE_TICK_CONCURRENCY,
    name: config.workerId,
  });
  tickWorker.on('error', onQueueError);
  tickWorker.on('failed', (job, err) => logger.warn('schedule tick failed', { schedule_id: job?.data.schedule_id, attempt: job?.attemptsMade, error: err.message }));
  // A run whose failure is recorded fails its job on purpose (settleRunJob), for dashboards: not an error here.
  worker.on('failed', (job, err) => {
    if (err instanceof UnrecoverableError) logger.info('run job ended with its failed run', { run_id: job?.data.run_id });
    else logger.error('run job failed', { run_id: job?.data.run_id, error: err.message });
  });
  // A job (id = run id) whose lock expired goes back to the queue for another worker, so this attempt stops
  // at once: its writes are fenced by the attempt anyway, and stopping saves the model calls it would waste.
  // A job that no longer exists (the queue was reset) goes to nobody, so the attempt carries on.
  worker.on('lockRenewalFailed', (jobIds) => {
    for (const runId of jobIds) {
      void findRunJob(queue, runId).then(
        ({ state }) => {
          if (!LIVE_JOB_STATES.has(state)) logger.warn('lost the queue lock of a run whose job is gone; carrying on', { run_id: runId, job_state: state });
          else if (registry.stop(runId, 'lock-lost')) logger.warn('lost the queue lock of a run; stopping it', { run_id: runId, job_state: state });
        },
        (err: unknown) => logger.warn('could not look up a run job after losing its lock', { run_id: runId, error: String(err) }),
      );
    }
  });
  const reconciler = new RunReconciler({
    db,
    queue,
    webhooks,
    schedules,
    redis,
    events,
    logger,
    prefix: config.redisPrefix,
    workerId: config.workerId,
    intervalMs: config.reconcileIntervalMs,
    queuedGraceMs: config.reconcileIntervalMs,
    staleAfterMs: staleAfterMs(config),
  });
  reconciler.start();
  // Schedulers follow the schedules table from the start, not only from the first pass (a flushed Redis lost them).
  void reconciler.reconcileSchedulers().catch((err: unknown) => logger.warn('schedulers not reconciled at start', { error: String(err) }));
  const startedAt = new Date().toISOString();
  const heartbeat = startWorkerHeartbeat(
    new WorkerHeartbeats(redis, config.redisPrefix),
    () => ({
      worker_id: config.workerId,
      hostname: hostname(),
      pid: process.pid,
      started_at: startedAt,
      concurrency: config.concurrency,
      draining: registry.shuttingDown,
      runs: registry.held(),
    }),
    { onError: (err) => logger.debug('worker heartbeat failed', { error: String(err) }) },
  );
  registry.onChange = () => void heartbeat.beatNow();
  logger.info('worker started', {
    worker_id: config.workerId,
    concurrency: config.concurrency,
    prefix: config.redisPrefix,
    ...(metricsServer ? { metrics: `${metricsServer.url}/metrics` } : {}),
  });

  let stopping: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    logger.info('worker shutting down', { worker_id: config.workerId, held_runs: registry.size });
    registry.drainAll(config.shutdownGraceMs);
    // close() stops fetching at once and resolves when every processor has handed its run back. It can
    // also wait forever on a blocking fetch that a Redis reconnect left hanging, and BullMQ's close(true)
    // then returns that same pending promise, so past the grace period we stop waiting for it (the runs were
    // handed back by then) and cut the worker's connections.
    const closed = worker.close();
    let timer: NodeJS.Timeout | undefined;
    const forced = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        logger.warn('worker close is taking too long; disconnecting it', { worker_id: config.workerId });
        void worker.disconnect().catch(() => undefined);
        resolve();
      }, config.shutdownGraceMs + 5_000);
    });
    await Promise.all([Promise.race([closed, forced]).finally(() => clearTimeout(timer)), reconciler.stop(), webhookWorker.close(), tickWorker.close()]);
    // The runs are handed back: the heartbeat goes, so the workers list stops showing this process.
    await heartbeat.stop();
    await metricsServer?.close();
    await cancels.close();
    await queue.close();
    await webhooks.close();
    await schedules.close();
    await Promise.allSettled([db.destroy(), redis.quit(), workerRedis.quit(), queueRedis.quit(), connections.close()]);
    logger.info('worker stopped', { worker_id: config.workerId });
  };
  return {
    workerId: config.workerId,
    metricsUrl: metricsServer?.url,
    stop: () => (stopping ??= stop()),
  };
}
