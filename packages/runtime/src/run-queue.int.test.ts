import { randomBytes, randomUUID } from 'node:crypto';
import { Worker, type Job } from 'bullmq';
import { QueueName, RunJobResultSchema, type ExecuteRunPayload, type RunJobDescriptor, type RunJobResult } from '@studio/contracts';
import { createRedis } from './redis';
import { mirrorRunJobProgress, settleRunJob, type RecordedRunOutcome } from './run-job-outcome';
import { RUN_JOB_RETENTION, bullPrefix, createRunQueue, enqueueRun, readRunQueueDepth, runQueueListKey } from './run-queue';

const prefix = `test-${randomBytes(5).toString('hex')}`;
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redis = createRedis(redisUrl);
const queueRedis = createRedis(redisUrl);
const queue = createRunQueue(queueRedis, prefix);

afterAll(async () => {
  await queue.close();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await Promise.all([redis.quit(), queueRedis.quit()]);
});

const descriptor = (over: Partial<RunJobDescriptor> = {}): RunJobDescriptor => ({
  run_id: randomUUID(),
  benchmark: 'mmlu',
  model: 'openai/gpt-4o',
  user_id: randomUUID(),
  ...over,
});

test('a run job is named after benchmark and model and carries run id, benchmark, model and owner only', async () => {
  // A run row has more columns (config, notes, ...): none of them may reach Redis.
  const run = { ...descriptor(), config: { benchmark: 'mmlu', model: 'openai/gpt-4o' }, notes: 'private notes', status: 'queued' };
  await enqueueRun(queue, run);
  const job = await queue.getJob(run.run_id);
  expect(job?.name).toBe('mmlu · openai/gpt-4o');
  expect(job?.id).toBe(run.run_id);
  expect(job?.data).toEqual({ run_id: run.run_id, benchmark: 'mmlu', model: 'openai/gpt-4o', user_id: run.user_id });
  const stored = await redis.hget(`${bullPrefix(prefix)}:${QueueName.Runs}:${run.run_id}`, 'data');
  expect(stored).not.toContain('private notes');
});

test('enqueueing the same run twice keeps one job', async () => {
  const run = descriptor();
  await enqueueRun(queue, run);
  await enqueueRun(queue, { ...run, model: 'other/model' });
  expect((await queue.getJob(run.run_id))?.data.model).toBe('openai/gpt-4o');
});

test('a job without an owner and a job with a non-uuid run id', async () => {
  const run = descriptor({ user_id: null });
  await enqueueRun(queue, run);
  expect((await queue.getJob(run.run_id))?.data.user_id).toBeNull();
  await expect(enqueueRun(queue, descriptor({ run_id: 'not-a-uuid' }))).rejects.toThrow();
});

test('finished jobs are kept bounded by age and count', async () => {
  const run = descriptor();
  await enqueueRun(queue, run);
  const job = await queue.getJob(run.run_id);
  expect(job?.opts.removeOnComplete).toEqual(RUN_JOB_RETENTION.completed);
  expect(job?.opts.removeOnFail).toEqual(RUN_JOB_RETENTION.failed);
  for (const keep of Object.values(RUN_JOB_RETENTION)) {
    expect(keep.age).toBeGreaterThan(0);
    expect(keep.count).toBeGreaterThan(0);
  }
});

test('the list keys autoscalers read are the lists BullMQ holds waiting and active job ids in', async () => {
  const listPrefix = `${prefix}-lists`;
  const other = createRunQueue(queueRedis, listPrefix);
  const workerRedis = createRedis(redisUrl);
  const worker = new Worker(QueueName.Runs, null, { connection: workerRedis, prefix: bullPrefix(listPrefix), autorun: false });
  try {
    const runs = [descriptor(), descriptor(), descriptor()];
    for (const run of runs) await enqueueRun(other, run);
    expect(await redis.type(runQueueListKey(listPrefix, 'wait'))).toBe('list');
    expect(await redis.llen(runQueueListKey(listPrefix, 'wait'))).toBe(3);
    // A worker taking a job moves its id from the wait list to the active list.
    expect(await worker.getNextJob('token-1')).toBeDefined();
    expect(await redis.llen(runQueueListKey(listPrefix, 'wait'))).toBe(2);
    expect(await redis.lrange(runQueueListKey(listPrefix, 'active'), 0, -1)).toEqual([runs[0].run_id]);
  } finally {
    await worker.close(true);
    await workerRedis.quit();
    await other.obliterate({ force: true });
    await other.close();
  }
});

describe('a worker settling jobs by the recorded outcome', () => {
  const outcomes = new Map<string, RecordedRunOutcome & { progress?: number }>();
  let worker: Worker<ExecuteRunPayload, RunJobResult>;
  const workerQueuePrefix = `${prefix}-settle`;
  const settleQueue = createRunQueue(queueRedis, workerQueuePrefix);
  const workerRedis = createRedis(redisUrl);

  beforeAll(async () => {
    worker = new Worker<ExecuteRunPayload, RunJobResult>(
      QueueName.Runs,
      async (job: Job<ExecuteRunPayload>) => {
        const outcome = outcomes.get(job.data.run_id)!;
        if (outcome.progress !== undefined) await mirrorRunJobProgress(job, outcome.progress);
        return settleRunJob(outcome);
      },
      { connection: workerRedis, prefix: bullPrefix(workerQueuePrefix) },
    );
    await worker.waitUntilReady();
  });
  afterAll(async () => {
    await worker.close();
    await workerRedis.quit();
    await settleQueue.obliterate({ force: true });
    await settleQueue.close();
  });

  async function settled(runId: string): Promise<Job<ExecuteRunPayload, RunJobResult>> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const state = await settleQueue.getJobState(runId);
      if (state === 'completed' || state === 'failed') return (await settleQueue.getJob(runId))!;
      if (Date.now() > deadline) throw new Error(`job ${runId} still ${state}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  test('a failed run is a failed job whose failedReason is the run error, after one attempt', async () => {
    const run = descriptor();
    outcomes.set(run.run_id, { status: 'failed', error: 'openai: invalid API key (HTTP 401)', progress: 17 });
    await enqueueRun(settleQueue, run);
    const job = await settled(run.run_id);
    expect(await job.getState()).toBe('failed');
    expect(job.failedReason).toBe('openai: invalid API key (HTTP 401)');
    // RUN_JOB_OPTIONS allow 3 attempts; a recorded failure spends no more.
    expect(job.attemptsMade).toBe(1);
    expect(job.progress).toBe(17);
    expect(await settleQueue.getFailedCount()).toBeGreaterThanOrEqual(1);
  });

  test('a canceled run is a completed job that says canceled; a completed one says completed', async () => {
    const canceled = descriptor();
    const done = descriptor();
    outcomes.set(canceled.run_id, { status: 'canceled', progress: 42.5 });
    outcomes.set(done.run_id, { status: 'completed', progress: 100 });
    await enqueueRun(settleQueue, canceled);
    await enqueueRun(settleQueue, done);
    const c = await settled(canceled.run_id);
    const d = await settled(done.run_id);
    expect(await c.getState()).toBe('completed');
    expect(RunJobResultSchema.parse(c.returnvalue)).toEqual({ status: 'canceled' });
    expect(c.progress).toBe(42.5);
    expect(c.failedReason).toBeFalsy();
    expect(RunJobResultSchema.parse(d.returnvalue)).toEqual({ status: 'completed' });
    expect(d.progress).toBe(100);
  });

  test('a failed run without an error message still gives a reason', () => {
    expect(() => settleRunJob({ status: 'failed', error: '  ' })).toThrow('Run failed');
  });
});

test('mirroring progress on a job that is gone does not throw', async () => {
  const run = descriptor();
  await enqueueRun(queue, run);
  const job = (await queue.getJob(run.run_id))!;
  expect(await mirrorRunJobProgress(job, 50)).toBe(true);
  expect((await queue.getJob(run.run_id))?.progress).toBe(50);
  await job.remove();
  expect(await mirrorRunJobProgress(job, 60)).toBe(false);
});

test('queue depth counts jobs by state and dates the oldest waiting one', async () => {
  const depthQueue = createRunQueue(queueRedis, `${prefix}-depth`);
  try {
    const empty = await readRunQueueDepth(depthQueue);
    expect(empty.counts.waiting).toBe(0);
    expect(empty.oldestWaitingAgeSeconds).toBe(0);
    const first = descriptor();
    await enqueueRun(depthQueue, first);
    await new Promise((r) => setTimeout(r, 30));
    await enqueueRun(depthQueue, descriptor());
    await depthQueue.add('delayed', { run_id: randomUUID() }, { jobId: randomUUID(), delay: 60_000 });
    const firstTimestamp = (await depthQueue.getJob(first.run_id))!.timestamp;
    const depth = await readRunQueueDepth(depthQueue, firstTimestamp + 5_000);
    expect(depth.counts).toMatchObject({ waiting: 2, delayed: 1, active: 0, failed: 0, completed: 0 });
    expect(depth.oldestWaitingAgeSeconds).toBeCloseTo(5, 3);
  } finally {
    await depthQueue.obliterate({ force: true });
    await depthQueue.close();
  }
});
