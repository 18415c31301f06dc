import { createLogger } from '@studio/runtime';
import { StreamMemoryScheduler } from './stream-memory.scheduler';

const logger = createLogger({ level: 'error', json: false, service: 'test', silent: true });
const QUIET_MS = 1_000;

function scheduler(closedStreams = 100, collectable = true) {
  const collect = jest.fn();
  const s = new StreamMemoryScheduler({ closedStreams, quietMs: QUIET_MS, collect: collectable ? collect : null, logger });
  return { s, collect };
}

/** Opens or closes streams one at a time from `from` to `to`, as the lifecycle reports them. */
function move(s: StreamMemoryScheduler, from: number, to: number): void {
  for (let open = from; open !== to; ) s.streamsChanged((open += to > from ? 1 : -1));
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

test('collects once, after enough streams closed and their number then stayed unchanged for the quiet time', () => {
  const { s, collect } = scheduler();
  move(s, 0, 500);
  move(s, 500, 450);
  jest.advanceTimersByTime(10 * QUIET_MS);
  expect(collect).not.toHaveBeenCalled(); // only 50 of the 100 closed

  move(s, 450, 300);
  jest.advanceTimersByTime(QUIET_MS - 1);
  move(s, 300, 299); // the wave goes on: the quiet time starts again
  jest.advanceTimersByTime(QUIET_MS - 1);
  expect(collect).not.toHaveBeenCalled();
  jest.advanceTimersByTime(1);
  expect(collect).toHaveBeenCalledTimes(1);
  jest.advanceTimersByTime(10 * QUIET_MS);
  expect(collect).toHaveBeenCalledTimes(1);
});

test('counts closed streams from the peak since the last collection, so clients coming and going do not trigger one', () => {
  const { s, collect } = scheduler();
  move(s, 0, 299);
  jest.advanceTimersByTime(QUIET_MS);
  expect(collect).toHaveBeenCalledTimes(0);
  move(s, 299, 150);
  jest.advanceTimersByTime(QUIET_MS);
  expect(collect).toHaveBeenCalledTimes(1);

  // Peak now 150: a churn of 60 streams around it never reaches 100 closed.
  for (let i = 0; i < 20; i++) {
    move(s, 150, 90);
    move(s, 90, 150);
    jest.advanceTimersByTime(QUIET_MS);
  }
  expect(collect).toHaveBeenCalledTimes(1);
  move(s, 150, 40);
  jest.advanceTimersByTime(QUIET_MS);
  expect(collect).toHaveBeenCalledTimes(2);
});

test('a stream opening during the quiet time postpones the collection but does not cancel it', () => {
  const { s, collect } = scheduler();
  move(s, 0, 200);
  move(s, 200, 50);
  jest.advanceTimersByTime(QUIET_MS / 2);
  s.streamsChanged(51);
  jest.advanceTimersByTime(QUIET_MS - 1);
  expect(collect).not.toHaveBeenCalled();
  jest.advanceTimersByTime(1);
  expect(collect).toHaveBeenCalledTimes(1);
});

test('never collects when turned off (0) or when node runs without --expose-gc', () => {
  for (const [closedStreams, collectable] of [[0, true], [100, false]] as const) {
    const { s, collect } = scheduler(closedStreams, collectable);
    expect(s.active).toBe(false);
    move(s, 0, 500);
    move(s, 500, 0);
    jest.advanceTimersByTime(10 * QUIET_MS);
    expect(collect).not.toHaveBeenCalled();
  }
});

test('close cancels a pending collection', () => {
  const { s, collect } = scheduler();
  move(s, 0, 200);
  move(s, 200, 0);
  s.close();
  jest.advanceTimersByTime(10 * QUIET_MS);
  expect(collect).not.toHaveBeenCalled();
});
