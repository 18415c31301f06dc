import { describe, expect, it } from 'vitest';
import type { StreamEvent } from './event-stream';
import { applyRunEvent, initialLive, MAX_LINES, mergeLogTail, tailLines, type RunLive } from './run-live';

const ev = (event: string, data: unknown): StreamEvent => ({ id: undefined, event, data: JSON.stringify(data) });
const fold = (events: StreamEvent[]) => events.reduce<RunLive>(applyRunEvent, initialLive);

describe('applyRunEvent', () => {
  it('follows status, progress and log lines to completion', () => {
    const s = fold([
      ev('status', { status: 'running' }),
      ev('progress', { current: 3, total: 10, percentage: 30 }),
      ev('log_line', { stream: 'stderr', line: 'retrying' }),
      ev('heartbeat', { timestamp: 'x' }),
      ev('completed', { exit_code: 0 }),
    ]);
    expect(s.status).toBe('completed');
    expect(s.finished).toBe(true);
    expect(s.progress).toEqual({ current: 10, total: 10, percentage: 100 });
    expect(s.lines).toEqual([{ stream: 'stderr', line: 'retrying' }]);
  });
  it('keeps the error of a failed run and ignores malformed data', () => {
    const s = fold([ev('progress', { current: 'x' }), { id: '1', event: 'status', data: 'not json' }, ev('failed', { error: 'boom', exit_code: 1 })]);
    expect(s).toMatchObject({ status: 'failed', error: 'boom', progress: null });
  });
  it('keeps at most MAX_LINES lines', () => {
    const s = fold(Array.from({ length: MAX_LINES + 5 }, (_, i) => ev('log_line', { stream: 'stdout', line: String(i) })));
    expect(s.lines).toHaveLength(MAX_LINES);
    expect(s.lines[0].line).toBe('5');
  });
});

describe('mergeLogTail', () => {
  it('counts lines in both the stored tail and the stream once', () => {
    expect(mergeLogTail(['a', 'b', 'c'], ['b', 'c', 'd'])).toEqual(['a', 'b', 'c', 'd']);
    expect(mergeLogTail(['a', 'b'], ['c'])).toEqual(['a', 'b', 'c']);
    expect(mergeLogTail([], ['x'])).toEqual(['x']);
    expect(mergeLogTail(['x', 'x'], ['x', 'x', 'y'])).toEqual(['x', 'x', 'y']);
  });
  it('caps the result', () => {
    expect(mergeLogTail(['a', 'b', 'c'], ['d'], 2)).toEqual(['c', 'd']);
  });
  it('splits a stored tail', () => {
    expect(tailLines('a\nb\n')).toEqual(['a', 'b']);
    expect(tailLines(null)).toEqual([]);
  });
});
