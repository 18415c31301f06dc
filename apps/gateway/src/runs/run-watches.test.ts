import type { RunRow } from '@studio/db';
import type { StoredRunEvent } from '@studio/runtime';
import { RunWatches, type RunWatcher } from './run-watches';

const HEARTBEAT_MS = 1_000;
const row = { run_id: 'r1', status: 'running' } as RunRow;
const stored: StoredRunEvent[] = [
  { id: '1-0', event: 'progress', data: '{"current":1}' },
  { id: '2-0', event: 'progress', data: '{"current":2}' },
];

function sources() {
  let resync: (() => void) | null = null;
  const s = {
    heartbeatMs: HEARTBEAT_MS,
    readEvents: jest.fn(async (_runId: string, after: string) => stored.filter((e) => e.id > after)),
    loadRun: jest.fn(async (): Promise<RunRow | undefined> => row),
    onResync: jest.fn((listener: () => void) => {
      resync = listener;
      return () => (resync = null);
    }),
    resync: () => resync?.(),
    resyncRegistered: () => resync !== null,
  };
  return s;
}

function watcher(lastSent: string) {
  const delivered: string[] = [];
  const beats: (RunRow | undefined | null)[] = [];
  const w: RunWatcher = {
    lastSent: () => lastSent,
    deliver: (e) => {
      if (e.id > lastSent) {
        delivered.push(e.id);
        lastSent = e.id;
      }
    },
    beat: (run) => beats.push(run),
  };
  return { w, delivered, beats };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('RunWatches', () => {
  it('reads a run’s events and row once per heartbeat for all of its connections, from the earliest id sent', async () => {
    const s = sources();
    const watches = new RunWatches(s);
    const behind = watcher('0-0');
    const ahead = watcher('1-0');
    watches.watch('r1', behind.w);
    watches.watch('r1', ahead.w);

    await jest.advanceTimersByTimeAsync(HEARTBEAT_MS);

    expect(s.readEvents).toHaveBeenCalledTimes(1);
    expect(s.readEvents).toHaveBeenCalledWith('r1', '0-0');
    expect(s.loadRun).toHaveBeenCalledTimes(1);
    expect(behind.delivered).toEqual(['1-0', '2-0']);
    expect(ahead.delivered).toEqual(['2-0']);
    expect(behind.beats).toEqual([row]);
    expect(ahead.beats).toEqual([row]);
    watches.close();
  });

  it('gives each run its own heartbeat and stops a run’s once its last connection left', async () => {
    const s = sources();
    const watches = new RunWatches(s);
    const offA = watches.watch('r1', watcher('0-0').w);
    const offB = watches.watch('r1', watcher('0-0').w);
    const offOther = watches.watch('r2', watcher('0-0').w);
    expect(watches.counts()).toEqual({ runs: 2, connections: 3 });

    offA();
    offB();
    await jest.advanceTimersByTimeAsync(HEARTBEAT_MS);

    expect(watches.counts()).toEqual({ runs: 1, connections: 1 });
    expect(s.readEvents.mock.calls.map(([runId]) => runId)).toEqual(['r2']);
    offOther();
    expect(watches.counts()).toEqual({ runs: 0, connections: 0 });
    expect(s.resyncRegistered()).toBe(false);
    await jest.advanceTimersByTimeAsync(HEARTBEAT_MS);
    expect(s.readEvents).toHaveBeenCalledTimes(1);
  });

  it('catches every watched run up once when the event hub reconnected', async () => {
    const s = sources();
    const watches = new RunWatches(s);
    const a = watcher('0-0');
    watches.watch('r1', a.w);
    watches.watch('r1', watcher('0-0').w);
    watches.watch('r2', watcher('0-0').w);

    s.resync();
    await jest.advanceTimersByTimeAsync(0);

    expect(s.onResync).toHaveBeenCalledTimes(1);
    expect(s.readEvents.mock.calls.map(([runId]) => runId).sort()).toEqual(['r1', 'r2']);
    expect(a.delivered).toEqual(['1-0', '2-0']);
    expect(s.loadRun).not.toHaveBeenCalled();
    watches.close();
  });

  it('tells connections the row could not be read (null) or that the run is gone (undefined)', async () => {
    const s = sources();
    const watches = new RunWatches(s);
    const w = watcher('2-0');
    watches.watch('r1', w.w);
    s.loadRun.mockRejectedValueOnce(new Error('database down')).mockResolvedValueOnce(undefined);

    await jest.advanceTimersByTimeAsync(2 * HEARTBEAT_MS);

    expect(w.beats).toEqual([null, undefined]);
    watches.close();
  });
});
