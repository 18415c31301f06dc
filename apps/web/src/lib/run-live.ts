/**
 * A run's live state, folded from its SSE events (status, progress, log_line, completed/failed/canceled) on top
 * of the last GET /api/runs/{id}: what the run page shows while the run is in flight.
 */
import type { RunStatus } from '../api/types';
import type { StreamEvent } from './event-stream';

export interface LogLine {
  stream: 'stdout' | 'stderr';
  line: string;
}

export interface RunLive {
  status: RunStatus | null;
  progress: { current: number; total: number; percentage: number } | null;
  /** Lines received over the stream since the page opened (newest last, at most MAX_LINES). */
  lines: LogLine[];
  error: string | null;
  finished: boolean;
}

export const MAX_LINES = 500;
export const initialLive: RunLive = { status: null, progress: null, lines: [], error: null, finished: false };

const FINAL: Record<string, RunStatus> = { completed: 'completed', failed: 'failed', canceled: 'canceled' };
export const isFinalEvent = (e: StreamEvent) => e.event in FINAL;

function parse(data: string): Record<string, unknown> {
  try {
    const value = JSON.parse(data) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function applyRunEvent(state: RunLive, e: StreamEvent): RunLive {
  const data = parse(e.data);
  switch (e.event) {
    case 'status':
      return typeof data.status === 'string' ? { ...state, status: data.status as RunStatus } : state;
    case 'progress': {
      const { current, total, percentage } = data;
      if (typeof current !== 'number' || typeof total !== 'number') return state;
      return { ...state, progress: { current, total, percentage: typeof percentage === 'number' ? percentage : total ? (100 * current) / total : 0 } };
    }
    case 'log_line': {
      if (typeof data.line !== 'string') return state;
      const line: LogLine = { stream: data.stream === 'stderr' ? 'stderr' : 'stdout', line: data.line };
      const lines = state.lines.length >= MAX_LINES ? [...state.lines.slice(1 - MAX_LINES), line] : [...state.lines, line];
      return { ...state, lines };
    }
    case 'completed':
    case 'failed':
    case 'canceled':
      return {
        ...state,
        status: FINAL[e.event],
        finished: true,
        error: typeof data.error === 'string' ? data.error : state.error,
        progress: e.event === 'completed' && state.progress ? { ...state.progress, current: state.progress.total, percentage: 100 } : state.progress,
      };
    default:
      return state;
  }
}

/**
 * The log tail to show: the stored tail of the run (from its detail) followed by the lines streamed since. The two
 * can overlap (a line written between the page's request and the stream's start is in both), so the longest
 * suffix of the tail that starts the streamed lines is counted once.
 */
export function mergeLogTail(tail: string[], streamed: string[], max = MAX_LINES): string[] {
  let overlap = Math.min(tail.length, streamed.length);
  for (; overlap > 0; overlap--) {
    let same = true;
    for (let i = 0; i < overlap; i++) {
      if (tail[tail.length - overlap + i] !== streamed[i]) {
        same = false;
        break;
      }
    }
    if (same) break;
  }
  const merged = [...tail, ...streamed.slice(overlap)];
  return merged.length > max ? merged.slice(merged.length - max) : merged;
}

/** Splits a stored tail (`stdout_tail`) into lines, dropping the empty one after a final newline. */
export function tailLines(text: string | null | undefined): string[] {
  if (!text) return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
