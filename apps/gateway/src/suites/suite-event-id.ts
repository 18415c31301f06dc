/**
 * The SSE ids of a suite's event stream, which merges the Redis streams of its runs (ids `<ms>-<seq>`, each stream
 * numbering its own entries).
 *
 * The stream is read in snapshots (every run's stream at the same instant, one MULTI) and each snapshot's events are
 * sent ordered by (ms, run index, seq). Redis gives an entry added after a snapshot an id whose ms is at least the
 * snapshot's clock, so after sending an event everything with a smaller ms has been sent, and of the entries with the
 * same ms only those of each run up to a seq. The id says exactly that: `<ms>:<run index>.<seq>,…` lists, for the ms
 * of the last event sent, the last seq sent of each run that had an entry with that ms (the run index is the run's
 * position in the suite). A resume sends every run's entries with a greater ms, or the same ms and a greater seq.
 * It assumes Redis's clock does not go backwards, as Redis itself does within one stream. The id of `suite_finished` ends
 * in `;end`: a client resuming from it has seen the suite's end.
 */

export interface SuiteWatermark {
  ms: bigint;
  /** Run index → the last seq sent with this ms. */
  ties: Map<number, bigint>;
}

const UINT64_MAX = (1n << 64n) - 1n;
const ID = /^(\d{1,20}):((?:\d{1,4}\.\d{1,20})(?:,\d{1,4}\.\d{1,20})*)?(;end)?$/;

export const emptyWatermark = (): SuiteWatermark => ({ ms: 0n, ties: new Map() });

function parts(streamId: string): [bigint, bigint] {
  const [ms, seq] = streamId.split('-');
  return [BigInt(ms), BigInt(seq)];
}

export function formatSuiteEventId(w: SuiteWatermark, end = false): string {
  const ties = [...w.ties].sort(([a], [b]) => a - b).map(([i, seq]) => `${i}.${seq}`);
  return `${w.ms}:${ties.join(',')}${end ? ';end' : ''}`;
}

/** The watermark of an id this stream sent and whether it was `suite_finished`'s, or null for anything else (resumed from the start instead). */
export function parseSuiteEventId(id: string, runCount: number): (SuiteWatermark & { end: boolean }) | null {
  const m = ID.exec(id);
  if (!m) return null;
  const ms = BigInt(m[1]);
  if (ms > UINT64_MAX) return null;
  const ties = new Map<number, bigint>();
  for (const tie of m[2] ? m[2].split(',') : []) {
    const [i, seq] = tie.split('.');
    const index = Number(i);
    if (index >= runCount || BigInt(seq) > UINT64_MAX) return null;
    ties.set(index, BigInt(seq));
  }
  return { ms, ties, end: m[3] !== undefined };
}

/** The watermark after sending the stream entry `streamId` of run `index`. */
export function advanceWatermark(w: SuiteWatermark, index: number, streamId: string): SuiteWatermark {
  const [ms, seq] = parts(streamId);
  if (ms > w.ms) return { ms, ties: new Map([[index, seq]]) };
  if (ms < w.ms) return w;
  const ties = new Map(w.ties);
  if (seq > (ties.get(index) ?? -1n)) ties.set(index, seq);
  return { ms, ties };
}

/** The watermark of a snapshot's last ids, one per run (null: an empty stream). */
export function watermarkOf(lastIds: readonly (string | null)[]): SuiteWatermark {
  return lastIds.reduce<SuiteWatermark>((w, id, index) => (id ? advanceWatermark(w, index, id) : w), emptyWatermark());
}

/** The stream id after which run `index`'s entries have not been sent (exclusive, as XRANGE's `(`), or null for all. */
export function cursorAfter(w: SuiteWatermark, index: number): string | null {
  const tie = w.ties.get(index);
  if (tie !== undefined) return `${w.ms}-${tie}`;
  return w.ms === 0n ? null : `${w.ms - 1n}-${UINT64_MAX}`;
}

/** Sorts a snapshot's entries as they are sent: by ms, then run index, then seq. */
export function snapshotOrder<E extends { index: number; id: string }>(entries: E[]): E[] {
  return entries.sort((a, b) => {
    const [am, as] = parts(a.id);
    const [bm, bs] = parts(b.id);
    if (am !== bm) return am < bm ? -1 : 1;
    if (a.index !== b.index) return a.index - b.index;
    return as === bs ? 0 : as < bs ? -1 : 1;
  });
}
