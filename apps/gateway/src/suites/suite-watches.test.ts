import type { RunRow } from '@studio/db';
import { compareStreamIds, type StoredRunEvent } from '@studio/runtime';
import { SuiteWatches, type SuiteWatcher } from './suite-watches';

const HEARTBEAT_MS = 1_000;
const running = (id: string) => ({ run_id: id, status: 'running' }) as RunRow;
/** A finished row, by default just now (its final event may not have reached its stream yet). */
const completed = (id: string, finishedAt = new Date()) => ({ run_id: id, status: 'completed', finished_at: finishedAt }) as RunRow;

function sources(streams: Record<string, StoredRunEvent[]>) {
  const listeners = new Map<string, Set<() => void>>();
  let resync: (() => void) | null = null;
  let rows: RunRow[] | null = Object.keys(streams).map(running);
  const s = {
    heartbeatMs: HEARTBEAT_MS,
    readEvents: jest.fn(async (cursors: readonly { runId: string; afterId: string | null }[]) =>
      cursors.map((c) => streams[c.runId].filter((e) => c.afterId === null || compareStreamIds(e.id, c.afterId) > 0)),
    ),
    loadRuns: jest.fn(async () => rows),
    hasFinalEvent: jest.fn(async (runId: string) => streams[runId].some((e) => e.event === 'completed')),
    subscribe: jest.fn(async (runId: string, listener: () => void) => {
      const set = listeners.get(runId) ?? new Set();
      listeners.set(runId, set);
      set.add(listener);
      return () => set.delete(listener);
    }),
    onResync: jest.fn((listener: () => void) => {
      resync = listener;
      return () => (resync = null);
    }),
    logger: { warn: jest.fn() },
    publish: (runId: string, event: StoredRunEvent) => {
      streams[runId].push(event);
      for (const l of listeners.get(runId) ?? []) l();
    },
    listenerCount: () => [...listeners.values()].reduce((n, set) => n + set.size, 0),
    setRows: (next: RunRow[] | null) => (rows = next),
    resync: () => resync?.(),
    resyncRegistered: () => resync !== null,
  };
  return s;
}

/** A connection as suite-stream.ts keeps one: per-run cursors, skipping what it sent. */
function watcher(cursors: (string | null)[]) {
  const sent: string[] = [];
  const seen: (RunRow[] | null)[] = [];
  let heartbeats = 0;
  let finished = false;
  const w: SuiteWatcher = {
    cursors: () => cursors,
    deliver: (batches) =>
      batches.forEach((events, i) => {
        for (const e of events) {
          const cursor = cursors[i];
          if (cursor !== null && compareStreamIds(e.id, cursor) <= 0) continue;
          sent.push(`${i}:${e.id}`);
          cursors[i] = e.id;
        }
      }),
    runs: (current) => seen.push(current),
    finish: async () => {
      finished = true;
    },
    heartbeat: () => (heartbeats += 1),
  };
  return { w, sent, seen, heartbeats: () => heartbeats, finished: () => finished };
}

const ev = (id: string): StoredRunEvent => ({ id, event: 'progress', data: '{}' });
const done = (id: string): StoredRunEvent => ({ id, event: 'completed', data: '{}' });

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('SuiteWatches', () => {
  it('subscribes once per run and reads once per heartbeat for all of a suite’s connections, from the earliest cursors', async () => {
    const s = sources({ a: [ev('1-0'), ev('2-0')], b: [ev('1-1')] });
    const watches = new SuiteWatches(s);
    const behind = watcher([null, null]);
    const ahead = watcher(['1-0', '1-1']);
    const m1 = await watches.join('s1', ['a', 'b']);
    const m2 = await watches.join('s1', ['a', 'b']);
    expect(s.subscribe).toHaveBeenCalledTimes(2);
    m1.start(behind.w);
    m2.start(ahead.w);
    await jest.advanceTimersByTimeAsync(0);
    s.readEvents.mockClear();
    s.loadRuns.mockClear();

    s.publish('a', ev('3-0'));
    await jest.advanceTimersByTimeAsync(HEARTBEAT_MS);

    // The publish and the heartbeat: two passes for the suite, not two per connection.
    expect(s.readEvents).toHaveBeenCalledTimes(2);
    expect(s.loadRuns).toHaveBeenCalledTimes(2);
    expect(behind.sent).toEqual(['0:1-0', '0:2-0', '1:1-1', '0:3-0']);
    expect(ahead.sent).toEqual(['0:2-0', '0:3-0']);
    expect(behind.heartbeats()).toBe(1);
    expect(ahead.heartbeats()).toBe(1);
    m1.leave();
    m2.leave();
    expect(watches.counts()).toEqual({ suites: 0, connections: 0 });
    expect(s.listenerCount()).toBe(0);
    expect(s.resyncRegistered()).toBe(false);
  });

  it('reads with the earliest cursor of the connections present, so one that starts later misses nothing', async () => {
    const s = sources({ a: [ev('1-0'), ev('2-0'), ev('3-0')] });
    const watches = new SuiteWatches(s);
    const first = watcher(['3-0']);
    const late = watcher(['1-0']);
    const m1 = await watches.join('s1', ['a']);
    m1.start(first.w);
    const m2 = await watches.join('s1', ['a']);
    m2.start(late.w);
    await jest.advanceTimersByTimeAsync(0);

    expect(late.sent).toEqual(['0:2-0', '0:3-0']);
    expect(first.sent).toEqual([]);
    expect(s.readEvents.mock.calls.at(-1)?.[0]).toEqual([{ runId: 'a', afterId: '1-0' }]);
    watches.close();
  });

  it('coalesces the wake-ups that arrive during a pass into one more pass', async () => {
    const s = sources({ a: [] });
    const watches = new SuiteWatches(s);
    const m = await watches.join('s1', ['a']);
    m.start(watcher([null]).w);
    for (let i = 1; i <= 50; i++) s.publish('a', ev(`${i}-0`));
    await jest.advanceTimersByTimeAsync(0);

    expect(s.readEvents).toHaveBeenCalledTimes(2);
    watches.close();
  });

  it('hands every connection the runs, then the end once all have finished, after one more snapshot', async () => {
    const s = sources({ a: [ev('1-0'), done('1-1')], b: [] });
    const watches = new SuiteWatches(s);
    const w = watcher([null, null]);
    (await watches.join('s1', ['a', 'b'])).start(w.w);
    await jest.advanceTimersByTimeAsync(0);
    expect(w.finished()).toBe(false);

    s.setRows([completed('a'), completed('b')]);
    s.publish('b', done('2-0'));
    await jest.advanceTimersByTimeAsync(0);

    expect(w.finished()).toBe(true);
    expect(w.sent).toEqual(['0:1-0', '0:1-1', '1:2-0']);
    expect(s.readEvents).toHaveBeenCalledTimes(3);
    // Both final events were in the snapshots: nothing was looked up.
    expect(s.hasFinalEvent).not.toHaveBeenCalled();
    watches.close();
  });

  it('ends only once every finished run’s final event reached its stream, and delivers it first', async () => {
    const s = sources({ a: [done('1-0')], b: [ev('1-1')] });
    const watches = new SuiteWatches(s);
    const w = watcher([null, null]);
    (await watches.join('s1', ['a', 'b'])).start(w.w);
    await jest.advanceTimersByTimeAsync(0);

    // b's row is written before its final event is published (the worker's order).
    s.setRows([completed('a'), completed('b')]);
    s.publish('a', ev('2-0'));
    await jest.advanceTimersByTimeAsync(0);
    expect(w.finished()).toBe(false);

    s.publish('b', done('3-0'));
    await jest.advanceTimersByTimeAsync(0);
    expect(w.finished()).toBe(true);
    expect(w.sent).toEqual(['0:1-0', '1:1-1', '0:2-0', '1:3-0']);
    watches.close();
  });

  it('ends without a final event that never comes after FINAL_EVENT_WAIT_MS, and at once for runs that finished long ago', async () => {
    const s = sources({ a: [ev('1-0')], b: [ev('1-1')] });
    const watches = new SuiteWatches(s);
    const w = watcher([null, null]);
    // a finished long ago (its stream may have expired); b just now, and its final event is lost.
    s.setRows([completed('a', new Date(Date.now() - 60_000)), completed('b')]);
    (await watches.join('s1', ['a', 'b'])).start(w.w);
    await jest.advanceTimersByTimeAsync(0);
    expect(w.finished()).toBe(false);
    expect(s.hasFinalEvent.mock.calls.map(([runId]) => runId)).toEqual(['b']);

    await jest.advanceTimersByTimeAsync(999);
    expect(w.finished()).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(w.finished()).toBe(true);
    watches.close();
  });

  it('tells connections the suite is gone, and wakes every suite once when the event hub reconnected', async () => {
    const s = sources({ a: [], b: [] });
    const watches = new SuiteWatches(s);
    const one = watcher([null]);
    (await watches.join('s1', ['a'])).start(one.w);
    (await watches.join('s2', ['b'])).start(watcher([null]).w);
    await jest.advanceTimersByTimeAsync(0);
    s.readEvents.mockClear();

    s.setRows(null);
    s.resync();
    await jest.advanceTimersByTimeAsync(0);

    expect(s.onResync).toHaveBeenCalledTimes(1);
    expect(s.readEvents.mock.calls.map(([cursors]) => cursors[0].runId).sort()).toEqual(['a', 'b']);
    expect(one.seen.at(-1)).toBeNull();
    watches.close();
  });

  it('keeps connections that saw different runs apart, and a member that has not started out of the passes', async () => {
    const s = sources({ a: [ev('1-0')], b: [] });
    const watches = new SuiteWatches(s);
    const both = await watches.join('s1', ['a', 'b']);
    const onlyA = await watches.join('s1', ['a']);
    expect(watches.counts()).toEqual({ suites: 2, connections: 0 });
    await jest.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(s.readEvents).not.toHaveBeenCalled();

    both.leave();
    onlyA.leave();
    expect(watches.counts()).toEqual({ suites: 0, connections: 0 });
    expect(s.listenerCount()).toBe(0);
  });
});
