import { EventEmitter } from 'node:events';
import { FINAL_EVENTS, type RunEvent } from '@studio/contracts';
import type { Redis } from 'ioredis';

/**
 * The Redis names of the run protocol, under the deployment prefix. Only this module talks to them; they are
 * exported for tests and operators.
 */
export const runKeys = {
  /** Pub/sub channel pattern that carries every run's events (one subscriber per gateway process). */
  eventsPattern: (prefix: string) => `${prefix}:run-events:*`,
  events: (prefix: string, runId: string) => `${prefix}:run-events:${runId}`,
  /** Capped stream holding the run's event history, for Last-Event-ID resume. */
  stream: (prefix: string, runId: string) => `${prefix}:run-stream:${runId}`,
  /** Cancel requests: each message is a run id, acted on by the worker that holds the run. */
  cancel: (prefix: string) => `${prefix}:run-cancel`,
};

/** An event as stored in the run's stream: the stream entry id is the SSE `id:`. */
export interface StoredRunEvent {
  id: string;
  event: RunEvent['event'];
  /** JSON text of the event data, passed through unparsed. */
  data: string;
}

// XADD and PUBLISH in one script: subscribers and stream readers see the same order and ids.
const PUBLISH_SCRIPT = `
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'event', ARGV[2], 'data', ARGV[3])
redis.call('PUBLISH', ARGV[4], cjson.encode({id = id, event = ARGV[2], data = ARGV[3]}))
if ARGV[5] ~= '0' then redis.call('EXPIRE', KEYS[1], ARGV[5]) end
return id
`;

export interface RunProtocolOptions {
  /** Approximate cap on the per-run stream length. */
  maxLen?: number;
  /** How long a finished run's stream is kept for late subscribers and resumes. */
  finishedTtlSeconds?: number;
}

type StreamEntry = [string, string[]];

function toStored(entry: StreamEntry): StoredRunEvent {
  const [id, fields] = entry;
  const get = (k: string) => fields[fields.indexOf(k) + 1];
  return { id, event: get('event') as RunEvent['event'], data: get('data') };
}

/**
 * A deployment's run protocol over Redis, for gateway and worker alike: run events (published to the run's
 * capped stream and its pub/sub channel in one step, read back from the stream, removed with the run) and
 * cancel requests. Subscriptions take a connection of their own: `createEventHub` and `createCancelListener`.
 * Every call throws when Redis fails; whether that matters is the caller's call.
 */
export class RunProtocol {
  private readonly maxLen: number;
  private readonly finishedTtl: number;
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    options: RunProtocolOptions = {},
  ) {
    this.maxLen = options.maxLen ?? 10_000;
    this.finishedTtl = options.finishedTtlSeconds ?? 7 * 24 * 3600;
  }

  /** Appends the event to the run's stream and publishes it; a final event starts the stream's expiry. */
  async publish(runId: string, event: RunEvent): Promise<string> {
    const final = FINAL_EVENTS.includes(event.event);
    const id = await this.redis.eval(
      PUBLISH_SCRIPT,
      1,
      runKeys.stream(this.prefix, runId),
      String(this.maxLen),
      event.event,
      JSON.stringify(event.data),
      runKeys.events(this.prefix, runId),
      final ? String(this.finishedTtl) : '0',
    );
    return String(id);
  }

  /** Stream entries strictly after `afterId` (or all when null). */
  async readEvents(runId: string, afterId: string | null): Promise<StoredRunEvent[]> {
    const start = afterId ? `(${afterId}` : '-';
    const entries = (await this.redis.xrange(runKeys.stream(this.prefix, runId), start, '+')) as StreamEntry[];
    return entries.map(toStored);
  }

  /**
   * The events of several runs, each strictly after its own id (or all when null), read in one MULTI: a snapshot in
   * which every run's stream is read at the same instant, so an event missing from it was added afterwards.
   */
  async readEventsOfRuns(cursors: readonly { runId: string; afterId: string | null }[]): Promise<StoredRunEvent[][]> {
    if (cursors.length === 0) return [];
    const multi = this.redis.multi();
    for (const c of cursors) multi.xrange(runKeys.stream(this.prefix, c.runId), c.afterId ? `(${c.afterId}` : '-', '+');
    const replies = (await multi.exec()) ?? [];
    return replies.map(([err, entries]) => {
      if (err) throw err;
      return (entries as StreamEntry[]).map(toStored);
    });
  }

  /** The last event id of each run's stream (null for an empty one), read in one MULTI (see `readEventsOfRuns`). */
  async lastEventIds(runIds: readonly string[]): Promise<(string | null)[]> {
    if (runIds.length === 0) return [];
    const multi = this.redis.multi();
    for (const id of runIds) multi.xrevrange(runKeys.stream(this.prefix, id), '+', '-', 'COUNT', 1);
    const replies = (await multi.exec()) ?? [];
    return replies.map(([err, entries]) => {
      if (err) throw err;
      const list = entries as StreamEntry[];
      return list.length ? list[0][0] : null;
    });
  }

  async lastEventId(runId: string): Promise<string | null> {
    const entries = (await this.redis.xrevrange(runKeys.stream(this.prefix, runId), '+', '-', 'COUNT', 1)) as StreamEntry[];
    return entries.length ? entries[0][0] : null;
  }

  /** The run's last final event (completed/failed/canceled) and the id of the entry before it. */
  async lastFinalEvent(runId: string): Promise<{ final: StoredRunEvent; previousId: string } | null> {
    const entries = ((await this.redis.xrevrange(runKeys.stream(this.prefix, runId), '+', '-', 'COUNT', 50)) as StreamEntry[]).map(toStored);
    const i = entries.findIndex((e) => FINAL_EVENTS.includes(e.event));
    if (i < 0) return null;
    return { final: entries[i], previousId: entries[i + 1]?.id ?? '0-0' };
  }

  /**
   * Whether entries after `afterId` may have been trimmed from the capped stream, so a resume from it
   * would miss events: the stream lost entries and its oldest remaining one is newer than `afterId`.
   */
  async eventsTrimmedAfter(runId: string, afterId: string): Promise<boolean> {
    let info: unknown[];
    try {
      info = (await this.redis.xinfo('STREAM', runKeys.stream(this.prefix, runId))) as unknown[];
    } catch {
      return false;
    }
    const field = (name: string) => info[info.indexOf(name) + 1];
    const removed = Number(field('entries-added')) > Number(field('length'));
    const first = String(field('recorded-first-entry-id'));
    const deletedAfter = compareStreamIds(String(field('max-deleted-entry-id')), afterId) > 0;
    return deletedAfter || (removed && isStreamId(first) && compareStreamIds(first, afterId) > 0);
  }

  /** Removes the runs' event history (their runs are deleted). */
  async deleteEvents(runIds: readonly string[]): Promise<void> {
    if (runIds.length === 0) return;
    await this.redis.del(...runIds.map((id) => runKeys.stream(this.prefix, id)));
  }

  /**
   * Asks the worker holding the run to stop it. Pub/sub delivers only to workers connected now, so the
   * caller also records the request in the database, where the worker looks on every progress tick.
   */
  async requestCancel(runId: string): Promise<void> {
    await this.redis.publish(runKeys.cancel(this.prefix), runId);
  }

  /** The process's one subscription to run events, on a connection of its own. */
  createEventHub(): RunEventHub {
    return new RunEventHub(this.redis, this.prefix);
  }

  /** Calls `onCancel` with the id of every run whose cancel is requested from now on (once `start` resolved). */
  createCancelListener(onCancel: (runId: string) => void, onConnectionError: (err: Error) => void = () => undefined): RunCancelListener {
    return new RunCancelListener(this.redis, runKeys.cancel(this.prefix), onCancel, onConnectionError);
  }
}

/** What publishing a run's events needs (the worker's reporters take no more). */
export type RunEventPublisher = Pick<RunProtocol, 'publish'>;

const UINT64_MAX = (1n << 64n) - 1n;

function idParts(id: string): [bigint, bigint] {
  const [ms, seq] = id.split('-');
  return [BigInt(ms), BigInt(seq)];
}

/** Compares Redis stream ids (`<ms>-<seq>`); BigInt, as both parts are 64-bit. */
export function compareStreamIds(a: string, b: string): number {
  const [am, as] = idParts(a);
  const [bm, bs] = idParts(b);
  if (am !== bm) return am < bm ? -1 : 1;
  return as === bs ? 0 : as < bs ? -1 : 1;
}

/** A syntactically valid stream id Redis accepts (each part fits in 64 bits). */
export function isStreamId(value: string): boolean {
  if (!/^\d{1,20}-\d{1,20}$/.test(value)) return false;
  const [ms, seq] = idParts(value);
  return ms <= UINT64_MAX && seq <= UINT64_MAX;
}

/**
 * One subscriber connection per worker process on the deployment's cancel channel. Every worker hears every
 * cancel; only the one holding the run acts on it. A message missed while disconnected is not replayed: the
 * worker's periodic database check covers it.
 */
export class RunCancelListener {
  private readonly sub: Redis;

  constructor(
    redis: Redis,
    private readonly channel: string,
    onCancel: (runId: string) => void,
    onConnectionError: (err: Error) => void,
  ) {
    this.sub = redis.duplicate();
    this.sub.on('error', onConnectionError);
    this.sub.on('message', (_channel: string, runId: string) => {
      if (runId) onCancel(runId);
    });
  }

  /** Resolves once subscribed, so a cancel requested afterwards is not missed. */
  async start(): Promise<void> {
    await this.sub.subscribe(this.channel);
  }

  async close(): Promise<void> {
    await this.sub.quit().catch(() => undefined);
  }
}

const RESYNC = Symbol('resync');

/**
 * One Redis subscriber connection per process that fans run events out to any number of local
 * listeners (SSE clients), instead of a connection per client.
 */
export class RunEventHub {
  /** Resync listeners. */
  private readonly emitter = new EventEmitter();
  /**
   * Live-event listeners by run: a Set, as one run may have thousands (an EventEmitter's array makes each removal a
   * scan and a copy of all of them: quadratic when 20,000 subscribers leave).
   */
  private readonly listeners = new Map<string, Set<(e: StoredRunEvent) => void>>();
  private readonly sub: Redis;
  private ready: Promise<void> | null = null;
  private readonly channelPrefix: string;
  private connectedBefore = false;

  constructor(redis: Redis, private readonly prefix: string) {
    // Named so operators (and tests) can see there is one subscriber connection per process.
    this.sub = redis.duplicate({ connectionName: `${prefix}:event-hub` });
    this.emitter.setMaxListeners(0);
    this.channelPrefix = runKeys.events(prefix, '');
    this.sub.on('pmessage', (_pattern: string, channel: string, message: string) => {
      const runId = channel.slice(this.channelPrefix.length);
      let parsed: StoredRunEvent;
      try {
        parsed = JSON.parse(message) as StoredRunEvent;
      } catch {
        return;
      }
      // A listener may unsubscribe while this runs (a final event ends its stream): a Set's iteration allows that.
      for (const listener of this.listeners.get(runId) ?? []) listener(parsed);
    });
    // Pub/sub drops whatever is published while the connection is down; after a reconnect every
    // listener re-reads the stream from the last event it delivered.
    this.sub.on('ready', () => {
      if (this.connectedBefore) this.emitter.emit(RESYNC);
      this.connectedBefore = true;
    });
  }

  /** Resolves once the pattern subscription is active, so no event published afterwards is missed. */
  start(): Promise<void> {
    this.ready ??= this.sub.psubscribe(runKeys.eventsPattern(this.prefix)).then(
      () => undefined,
      (err: unknown) => {
        // A failed first subscription (Redis down) must not stick: the next SSE request tries again.
        this.ready = null;
        throw err;
      },
    );
    return this.ready;
  }

  /** Called after the subscriber reconnects, when live events may have been missed. */
  onResync(listener: () => void): () => void {
    this.emitter.on(RESYNC, listener);
    return () => this.emitter.off(RESYNC, listener);
  }

  async subscribe(runId: string, listener: (e: StoredRunEvent) => void): Promise<() => void> {
    await this.start();
    let run = this.listeners.get(runId);
    if (!run) this.listeners.set(runId, (run = new Set()));
    run.add(listener);
    return () => {
      const current = this.listeners.get(runId);
      if (!current?.delete(listener)) return;
      if (current.size === 0) this.listeners.delete(runId);
    };
  }

  listenerCount(runId?: string): number {
    if (runId) return this.listeners.get(runId)?.size ?? 0;
    let n = 0;
    for (const run of this.listeners.values()) n += run.size;
    return n;
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.emitter.removeAllListeners();
    // A subscriber has nothing to flush; disconnect also stops reconnect timers when Redis is down.
    this.sub.disconnect();
  }
}
