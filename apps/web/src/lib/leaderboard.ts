/** Client-side ordering of a benchmark's leaderboard (a handful of models; the ranking itself comes from the API). */
import type { LeaderboardEntry } from '../api/types';

export type LeaderboardSort = 'rank' | 'model' | 'runs' | 'total_tokens' | 'finished_at';

export function sortLeaderboard(entries: LeaderboardEntry[], by: LeaderboardSort, order: 'asc' | 'desc'): LeaderboardEntry[] {
  const sign = order === 'asc' ? 1 : -1;
  const key = (e: LeaderboardEntry): number | string => {
    switch (by) {
      case 'rank':
        return e.rank;
      case 'model':
        return e.model;
      case 'runs':
        return e.runs;
      case 'total_tokens':
        return e.total_tokens ?? -1;
      case 'finished_at':
        return e.finished_at ? Date.parse(e.finished_at) : 0;
    }
  };
  return [...entries].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const c = typeof x === 'string' ? x.localeCompare(y as string) : x - (y as number);
    return c * sign || a.rank - b.rank || a.model.localeCompare(b.model);
  });
}

/** Where an interval sits on a 0–1 (or 0–max) scale, in percent, for the small interval bars. */
export function intervalBar(e: Pick<LeaderboardEntry, 'primary_metric' | 'ci_lower' | 'ci_upper'>, max: number): { value: number; lower: number; upper: number } {
  const pct = (v: number) => Math.max(0, Math.min(100, (v / (max || 1)) * 100));
  return { value: pct(e.primary_metric), lower: pct(e.ci_lower ?? e.primary_metric), upper: pct(e.ci_upper ?? e.primary_metric) };
}
