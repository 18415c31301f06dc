import { WorkerHeartbeatSchema, type WorkerHeartbeat, type WorkerState } from '@studio/contracts';
import type { Redis } from 'ioredis';

/**
 * Redis names of worker heartbeats, under the deployment prefix:
 * - `<prefix>:workers`: sorted set, member = worker id, score = when its heartbeat expires (Redis clock, ms);
 * - `<prefix>:workers:<worker id>`: the heartbeat (JSON, `WorkerHeartbeat`), expiring with it.
 * The sorted set lets a reader list workers without scanning the keyspace; the key's expiry is the truth.
 */
export const workerKeys = {
  index: (prefix: string) => `${prefix}:workers`,
  heartbeat: (prefix: string, workerId: string) => `${prefix}:workers:${workerId}`,
};

// SET and ZADD together, both dated by Redis's clock, so a worker whose clock is off is listed as long as it beats.
const BEAT_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
return now
`;

/** A heartbeat's default interval; a heartbeat lives for three intervals, so one missed beat loses no worker. */
export const WORKER_HEARTBEAT_INTERVAL_MS = 10_000;

/**
 * The one API for worker heartbeats: workers write theirs (`startWorkerHeartbeat` does it on a timer), the gateway
 * lists the live ones. Every call throws when Redis fails.
 */
export class WorkerHeartbeats {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** Writes the worker's heartbeat; it counts as live for `ttlMs`. */
  async beat(state: WorkerState, ttlMs: number): Promise<void> {
    const heartbeat: WorkerHeartbeat = WorkerHeartbeatSchema.parse({ ...state, beat_at: new Date().toISOString() });
    await this.redis.eval(
      BEAT_SCRIPT,
      2,
      workerKeys.index(this.prefix),
      workerKeys.heartbeat(this.prefix, state.worker_id),
      state.worker_id,
      JSON.stringify(heartbeat),
      String(Math.max(1, Math.round(ttlMs))),
    );
  }

  /** Removes the worker's heartbeat at once (a clean shutdown), instead of letting it expire. */
  async remove(workerId: string): Promise<void> {
    await this.redis.multi().zrem(workerKeys.index(this.prefix), workerId).del(workerKeys.heartbeat(this.prefix, workerId)).exec();
  }

  /** The live workers, by worker id. Expired entries are pruned on the way. */
  async list(): Promise<WorkerHeartbeat[]> {
    const index = workerKeys.index(this.prefix);
    const [seconds, micros] = await this.redis.time();
    await this.redis.zremrangebyscore(index, '-inf', String(Number(seconds) * 1000 + Math.floor(Number(micros) / 1000)));
    const ids = await this.redis.zrange(index, '0', '-1');
    if (ids.length === 0) return [];
    const values = await this.redis.mget(...ids.map((id) => workerKeys.heartbeat(this.prefix, id)));
    const live: WorkerHeartbeat[] = [];
    const gone: string[] = [];
    values.forEach((value, i) => {
      const parsed = value === null ? null : WorkerHeartbeatSchema.safeParse(safeJson(value));
      if (parsed?.success) live.push(parsed.data);
      else gone.push(ids[i]);
    });
    if (gone.length) await this.redis.zrem(index, ...gone);
    return live.sort((a, b) => a.worker_id.localeCompare(b.worker_id));
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export interface WorkerHeartbeatOptions {
  /** Default WORKER_HEARTBEAT_INTERVAL_MS. */
  intervalMs?: number;
  /** A failed beat (Redis away); the next beat tries again. */
  onError?: (err: unknown) => void;
}

export interface RunningWorkerHeartbeat {
  /** Beats now, out of turn (the worker took or released a run, or started draining). */
  beatNow(): Promise<void>;
  /** Stops beating and removes the heartbeat (best effort: it expires anyway). */
  stop(): Promise<void>;
}

/**
 * Beats at once, then every `intervalMs`, with the state `state()` returns at that moment. The worker calls this
 * when it starts taking jobs and `stop()` when it has handed its runs back.
 */
export function startWorkerHeartbeat(
  heartbeats: WorkerHeartbeats,
  state: () => WorkerState,
  options: WorkerHeartbeatOptions = {},
): RunningWorkerHeartbeat {
  const intervalMs = options.intervalMs ?? WORKER_HEARTBEAT_INTERVAL_MS;
  const onError = options.onError ?? (() => undefined);
  let stopped = false;
  let workerId: string | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  const beatNow = (): Promise<void> => {
    if (stopped) return inFlight;
    const current = state();
    workerId = current.worker_id;
    // Chained, so beats land in order and stop() removes the heartbeat only after the last one.
    inFlight = inFlight.then(() => heartbeats.beat(current, intervalMs * 3)).catch(onError);
    return inFlight;
  };
  void beatNow();
  const timer = setInterval(() => void beatNow(), intervalMs);
  timer.unref();
  return {
    beatNow,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await inFlight;
      if (workerId !== undefined) await heartbeats.remove(workerId).catch(onError);
    },
  };
}
