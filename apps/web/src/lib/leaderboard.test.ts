import { describe, expect, it } from 'vitest';
import type { LeaderboardEntry } from '../api/types';
import { intervalBar, sortLeaderboard } from './leaderboard';

const entry = (model: string, rank: number, over: Partial<LeaderboardEntry> = {}): LeaderboardEntry => ({
  model,
  rank,
  run_id: model,
  primary_metric: 1 - rank / 10,
  primary_metric_name: 'accuracy',
  stderr: null,
  ci_lower: null,
  ci_upper: null,
  runs: 1,
  samples: 10,
  total_tokens: null,
  finished_at: null,
  ...over,
});

describe('leaderboard', () => {
  const list = [entry('b', 2, { runs: 5 }), entry('a', 1, { runs: 1 }), entry('c', 2, { runs: 3 })];
  it('sorts by rank, ties by model', () => {
    expect(sortLeaderboard(list, 'rank', 'asc').map((e) => e.model)).toEqual(['a', 'b', 'c']);
  });
  it('sorts by any column either way', () => {
    expect(sortLeaderboard(list, 'runs', 'desc').map((e) => e.model)).toEqual(['b', 'c', 'a']);
    expect(sortLeaderboard(list, 'model', 'desc').map((e) => e.model)).toEqual(['c', 'b', 'a']);
  });
  it('places an interval on the scale', () => {
    expect(intervalBar({ primary_metric: 0.5, ci_lower: 0.4, ci_upper: 0.6 }, 1)).toEqual({ value: 50, lower: 40, upper: 60 });
    expect(intervalBar({ primary_metric: 2, ci_lower: null, ci_upper: null }, 4)).toEqual({ value: 50, lower: 50, upper: 50 });
  });
});
