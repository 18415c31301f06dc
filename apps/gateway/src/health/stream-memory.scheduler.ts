import type { Logger } from '@studio/runtime';

export interface StreamMemoryOptions {
  /** Event streams that must have closed since the most open at once (since the last collection): 0 turns this off. */
  closedStreams: number;
  /** How long the number of open streams must stay unchanged (the wave of disconnects over) before collecting. */
  quietMs: number;
  /** A full garbage collection (`globalThis.gc` under `node --expose-gc`); null when the process cannot collect on demand. */
  collect: (() => void) | null;
  logger: Logger;
}

/**
 * Full collections through the `gc` that `node --expose-gc` exposes; null without the flag. Two in a row: the first
 * frees the dead objects but leaves the pages they shared with survivors committed, the second compacts those sparse
 * pages and releases them (on a fragmented heap of 7 MB live, committed heap 70 → 39 MB and RSS 114 → 87 MB against
 * one collection; a third changed nothing).
 */
export function exposedGc(): (() => void) | null {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function') return null;
  return () => {
    gc();
    gc();
  };
}

/**
 * Gives memory back after many event streams close. Each SSE connection allocates tens of KB (socket, request and
 * response objects, closures, frames written); once thousands of subscribers leave, the gateway is mostly idle, and
 * V8 only collects when something allocates: the garbage, and the heap pages it holds, stay in RSS indefinitely
 * (docs/performance.md measured 149 → 309 MB after 5,000 subscribers left, with nothing kept per connection). So when
 * the open streams have dropped by `closedStreams` from their peak, and their number then stays unchanged for
 * `quietMs`, this runs one full collection; V8 then returns the emptied pages to the system. One collection per wave
 * of disconnects, not per connection: a steady churn of clients never drops that far below its peak.
 */
export class StreamMemoryScheduler {
  private open = 0;
  /** The most streams open at once since the last collection. */
  private peak = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: StreamMemoryOptions) {}

  /** Whether collections will happen (enabled and the process can collect). */
  get active(): boolean {
    return this.options.closedStreams > 0 && this.options.collect !== null;
  }

  /** Called with the number of open event streams whenever one opens or closes. */
  streamsChanged(open: number): void {
    if (!this.active) return;
    this.open = open;
    this.peak = Math.max(this.peak, open);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.peak - open < this.options.closedStreams) return;
    this.timer = setTimeout(() => this.collect(), this.options.quietMs);
    // A pending collection never keeps a stopping process alive.
    this.timer.unref();
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private collect(): void {
    this.timer = null;
    const closed = this.peak - this.open;
    const started = performance.now();
    this.options.collect!();
    this.peak = this.open;
    this.options.logger.info('collected garbage after event streams closed', {
      closed,
      open: this.open,
      ms: Math.round(performance.now() - started),
    });
  }
}
