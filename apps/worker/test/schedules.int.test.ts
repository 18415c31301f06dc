/**
 * Schedules' ticks, end to end in workers: BullMQ's job scheduler adds one job per tick, two workers compete for them,
 * and each tick makes exactly one run (tagged, linked, enqueued and executed); pause, resume and delete; the
 * reconciler rebuilds schedulers from the table after a Redis flush; a tick over the run rate limit, or with a template
 * that no longer validates, records why instead of making a run.
 */
import { randomUUID } from 'node:crypto';
import { deleteSchedule, insertSchedule, insertUser, listScheduleTicks, updateSchedule, type ScheduleRow } from '@studio/db';
import { createLogger, listScheduleJobs, removeScheduleJob, upsertScheduleJob } from '@studio/runtime';
import { ScheduleTicker } from '../src/schedule.ticker';
import { RunReconciler } from '../src/run.reconciler';
import { MODEL, WorkerHarness, waitFor } from './worker.harness';

const h = new WorkerHarness();
/** Every 2 s: per-second patterns are refused by the gateway's SCHEDULE_MIN_INTERVAL_SECONDS (60), not by workers. */
const EVERY_2_S = '*/2 * * * * *';
const TEMPLATE = { benchmark: 'mmlu', model: MODEL, limit: 1, tags: ['nightly'] };

beforeAll(async () => {
  await h.setup();
  const model = await h.startModel();
  await h.saveKey(model.baseUrl);
});
afterAll(() => h.teardown());

async function newSchedule(userId = h.userId, template: object = TEMPLATE): Promise<ScheduleRow> {
  return insertSchedule(h.db, { schedule_id: randomUUID(), user_id: userId, name: 'every 2 s', cron: EVERY_2_S, template: JSON.stringify(template) });
}

const ticksOf = async (id: string) => (await listScheduleTicks(h.db, id, 1000)).reverse();
const runsOf = (id: string) => h.db.selectFrom('runs').selectAll().where('schedule_id', '=', id).orderBy('created_at').execute();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('with two workers, each tick makes exactly one run: tagged, linked, enqueued and executed; pause stops the ticks, resume restarts them, delete keeps the runs', async () => {
  const schedule = await newSchedule();
  const id = schedule.schedule_id;
  // No scheduler yet: the workers' reconciliation at start creates it from the row.
  const workers = await Promise.all([h.startWorker({ WORKER_CONCURRENCY: '2' }), h.startWorker({ WORKER_CONCURRENCY: '2' })]);
  await waitFor('the scheduler', async () => (await listScheduleJobs(h.schedules)).find((j) => j.id === id));
  await waitFor('4 ticks', async () => (await ticksOf(id)).length >= 4, 20_000);

  await updateSchedule(h.db, id, { paused: true });
  await removeScheduleJob(h.schedules, id);
  // A tick job already taken when the pause landed may still finish: let it, then count.
  await sleep(500);
  const ticks = await ticksOf(id);
  const runs = await runsOf(id);
  expect(runs).toHaveLength(ticks.length);
  expect(ticks.every((t) => t.error === null && t.run_id !== null)).toBe(true);
  expect(new Set(ticks.map((t) => t.run_id)).size).toBe(ticks.length);
  expect(runs.map((r) => r.run_id).sort()).toEqual(ticks.map((t) => t.run_id).sort());
  // Ticks on the pattern's times, none twice (a tick picked up late may make BullMQ skip the next one, on a busy host).
  const times = ticks.map((t) => t.tick_at.getTime());
  expect(times.every((ms) => ms % 2000 === 0)).toBe(true);
  expect(times.slice(1).every((ms, i) => ms > times[i]!)).toBe(true);
  for (const run of runs) {
    expect(run.tags).toEqual(['nightly', `schedule:${id}`]);
    expect(run).toMatchObject({ user_id: h.userId, benchmark: 'mmlu', model: MODEL, schedule_id: id });
  }
  // Enqueued as the gateway enqueues runs: the workers execute them.
  for (const run of runs) expect((await h.waitForStatus(run.run_id, 'completed')).progress_total).toBe(1);
  expect(await h.events(runs[0]!.run_id)).toContainEqual({ event: 'status', data: { status: 'queued', timestamp: runs[0]!.created_at.toISOString() } });

  // Paused: no tick for 3 intervals.
  await sleep(6000);
  expect(await ticksOf(id)).toHaveLength(ticks.length);

  await updateSchedule(h.db, id, { paused: false });
  await upsertScheduleJob(h.schedules, schedule);
  await waitFor('a tick after resuming', async () => (await ticksOf(id)).length > ticks.length, 10_000);

  await deleteSchedule(h.db, id);
  await removeScheduleJob(h.schedules, id);
  expect((await listScheduleJobs(h.schedules)).find((j) => j.id === id)).toBeUndefined();
  // The runs stay, unlinked, with their tag.
  const kept = (await h.db.selectFrom('runs').selectAll().execute()).filter((r) => r.tags.includes(`schedule:${id}`));
  expect(kept.length).toBeGreaterThan(ticks.length);
  expect(kept.every((r) => r.schedule_id === null)).toBe(true);
  await Promise.all(workers.map((w) => w.stop()));
}, 60_000);

function ticker(limits = { runsPerUser: 10_000, windowSeconds: 60, maxConnectionsLimit: 500, operatorFiles: {} }) {
  return new ScheduleTicker({
    db: h.db,
    redis: h.redis,
    redisPrefix: h.prefix,
    runQueue: h.queue,
    scheduleQueue: h.schedules,
    events: h.protocol,
    logger: createLogger({ level: 'error', json: false, service: 'worker', silent: true }),
    limits,
  });
}

/** A tick job as the scheduler makes it: its planned time in `opts.prevMillis`. */
const tickJob = (scheduleId: string, ms: number) =>
  ({ id: `repeat:${scheduleId}:${ms}`, data: { schedule_id: scheduleId }, opts: { prevMillis: ms }, timestamp: ms }) as Parameters<ScheduleTicker['process']>[0];

test('a tick handled twice (a retried or duplicated job, two workers at once) makes one run', async () => {
  const { schedule_id: id } = await newSchedule();
  const at = Date.UTC(2026, 0, 1, 6);
  const t = ticker();
  await Promise.all([t.process(tickJob(id, at)), t.process(tickJob(id, at)), ticker().process(tickJob(id, at))]);
  await t.process(tickJob(id, at));
  expect(await runsOf(id)).toHaveLength(1);
  expect(await ticksOf(id)).toEqual([expect.objectContaining({ tick_at: new Date(at), error: null })]);
});

test("a tick's run carries the template's task arguments; one the task does not take is the tick's error", async () => {
  const { schedule_id: id } = await newSchedule(h.userId, { benchmark: 'gsm8k', model: MODEL, limit: 1, task_args: { split: 'train' } });
  await ticker().process(tickJob(id, 1_000_000));
  const [run] = await runsOf(id);
  expect(run!.config).toMatchObject({ benchmark: 'gsm8k', task_args: { split: 'train' } });

  const { schedule_id: refused } = await newSchedule(h.userId, { benchmark: 'gsm8k', model: MODEL, task_args: { splt: 'train' } });
  await ticker().process(tickJob(refused, 1_000_000));
  const [tick] = await ticksOf(refused);
  expect(tick!.error).toBe('Not started: the template is refused (task_args.splt: gsm8k does not accept task argument(s) splt; it accepts split)');
});

test('a tick over the run rate limit, or whose template no longer validates, records why and makes no run', async () => {
  const user = await insertUser(h.db, { email: `limited-${randomUUID()}@example.com`, hashed_password: 'x' });
  // mockllm needs no key; one run per window.
  const { schedule_id: id } = await newSchedule(user!.user_id, { benchmark: 'mmlu', model: 'mockllm/default', limit: 1 });
  const t = ticker({ runsPerUser: 1, windowSeconds: 3600, maxConnectionsLimit: 500, operatorFiles: {} });
  await t.process(tickJob(id, 1_000_000));
  await t.process(tickJob(id, 2_000_000));
  const ticks = await ticksOf(id);
  expect(ticks.map((x) => [x.run_id !== null, x.error])).toEqual([
    [true, null],
    [false, expect.stringMatching(/^Not started: Too many runs created; retry in \d+ s \(RATE_LIMIT_RUNS_PER_USER\)$/)],
  ]);
  expect(await runsOf(id)).toHaveLength(1);

  // The template names a provider the user has no key for: refused as POST /api/runs refuses it.
  const { schedule_id: keyless } = await newSchedule(user!.user_id, { benchmark: 'mmlu', model: 'anthropic/claude-x' });
  await ticker().process(tickJob(keyless, 1_000_000));
  const [tick] = await ticksOf(keyless);
  expect(tick!.error).toBe(
    'Not started: the template is refused (model: the model "anthropic/claude-x" needs an API key for provider "anthropic"; add one with POST /api/api-keys)',
  );
  const row = await h.db.selectFrom('schedules').selectAll().where('schedule_id', '=', keyless).executeTakeFirstOrThrow();
  expect(row).toMatchObject({ last_error: tick!.error, last_run_id: null, last_tick_at: new Date(1_000_000) });
});

test('a paused or deleted schedule makes no run from a late tick, and its leftover scheduler is removed', async () => {
  const schedule = await newSchedule();
  await upsertScheduleJob(h.schedules, { ...schedule, cron: '0 0 1 1 *' });
  await updateSchedule(h.db, schedule.schedule_id, { paused: true });
  await ticker().process(tickJob(schedule.schedule_id, 3_000_000));
  expect(await runsOf(schedule.schedule_id)).toHaveLength(0);
  expect((await listScheduleJobs(h.schedules)).find((j) => j.id === schedule.schedule_id)).toBeUndefined();
});

test('the reconciler holds schedulers to the table: restored after a Redis flush, changed ones updated, stray ones removed', async () => {
  const kept = await newSchedule();
  const changed = await newSchedule();
  const paused = await newSchedule();
  await updateSchedule(h.db, paused.schedule_id, { paused: true });
  const reconciler = new RunReconciler({
    db: h.db,
    queue: h.queue,
    webhooks: h.webhooks,
    schedules: h.schedules,
    redis: h.redis,
    events: h.protocol,
    logger: createLogger({ level: 'error', json: false, service: 'worker', silent: true }),
    prefix: h.prefix,
    workerId: 'reconciler',
    intervalMs: 5_000,
    queuedGraceMs: 60_000,
    staleAfterMs: 60_000,
  });
  await h.deleteQueueKeys();
  await upsertScheduleJob(h.schedules, { ...changed, cron: '0 6 * * *' });
  await upsertScheduleJob(h.schedules, paused);
  await upsertScheduleJob(h.schedules, { schedule_id: randomUUID(), cron: '0 6 * * *', timezone: 'UTC' });
  await reconciler.reconcileSchedulers();
  const jobs = await listScheduleJobs(h.schedules);
  // Every schedule not paused of this test file (earlier tests' included), each once, with its pattern.
  const active = await h.db.selectFrom('schedules').select(['schedule_id', 'cron']).where('paused', '=', false).execute();
  expect(jobs.map((j) => [j.id, j.cron, j.timezone]).sort()).toEqual(active.map((s) => [s.schedule_id, s.cron, 'UTC']).sort());
  expect(jobs.map((j) => j.id)).toEqual(expect.arrayContaining([kept.schedule_id, changed.schedule_id]));
  for (const s of active) await removeScheduleJob(h.schedules, s.schedule_id);
});
