import { advanceWatermark, cursorAfter, emptyWatermark, formatSuiteEventId, parseSuiteEventId, snapshotOrder, watermarkOf } from './suite-event-id';

test('an id names the last ms sent and, for that ms, the last seq of each run; it parses back', () => {
  let w = emptyWatermark();
  w = advanceWatermark(w, 2, '100-0');
  w = advanceWatermark(w, 0, '100-3');
  w = advanceWatermark(w, 2, '100-1');
  expect(formatSuiteEventId(w)).toBe('100:0.3,2.1');
  expect(formatSuiteEventId(advanceWatermark(w, 1, '101-0'))).toBe('101:1.0');
  expect(formatSuiteEventId(w, true)).toBe('100:0.3,2.1;end');
  expect(parseSuiteEventId('100:0.3,2.1', 3)).toEqual({ ms: 100n, ties: new Map([[0, 3n], [2, 1n]]), end: false });
  expect(parseSuiteEventId('100:0.3,2.1;end', 3)?.end).toBe(true);
  expect(parseSuiteEventId('0:', 1)).toEqual({ ms: 0n, ties: new Map(), end: false });
});

test.each(['', '12-0', '100:3.1', '100:a.1', '1:0.1,', '99999999999999999999999:0.1', '100:0.18446744073709551616'])('"%s" is not an id of a 3-run suite', (id) => {
  expect(parseSuiteEventId(id, 3)).toBeNull();
});

test('a resume reads each run after its last seq at the last ms, and every entry of that ms of the other runs', () => {
  const w = parseSuiteEventId('100:0.3', 2)!;
  expect(cursorAfter(w, 0)).toBe('100-3');
  expect(cursorAfter(w, 1)).toBe('99-18446744073709551615');
  expect(cursorAfter(emptyWatermark(), 0)).toBeNull();
});

test('the watermark of a snapshot of last ids; a snapshot is sent by ms, run index, seq', () => {
  expect(formatSuiteEventId(watermarkOf(['5-2', null, '7-0', '7-4']))).toBe('7:2.0,3.4');
  const sorted = snapshotOrder([
    { index: 1, id: '7-0' },
    { index: 0, id: '7-1' },
    { index: 0, id: '6-9' },
    { index: 0, id: '7-0' },
  ]);
  expect(sorted).toEqual([
    { index: 0, id: '6-9' },
    { index: 0, id: '7-0' },
    { index: 0, id: '7-1' },
    { index: 1, id: '7-0' },
  ]);
});
