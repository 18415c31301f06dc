import { listUserLeaderboard, listUserRunDays, summarizeUserRuns } from '@studio/db';
import type { AppDeps } from '../deps';
import type { BenchmarkLeaderboard, LeaderboardResponse, LeaderboardSortBy, SortOrder, StatsHistory, StatsSummary } from './stats.types';

export const HISTORY_DEFAULT_DAYS = 30;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export class StatsService {
  constructor(private readonly deps: AppDeps) {}

  async summary(userId: string): Promise<StatsSummary> {
    const t = await summarizeUserRuns(this.deps.db, userId);
    return { ...t, first_run_at: iso(t.first_run_at), last_run_at: iso(t.last_run_at) };
  }

  async history(userId: string, days = HISTORY_DEFAULT_DAYS): Promise<StatsHistory> {
    return { days, history: await listUserRunDays(this.deps.db, userId, days) };
  }

  async leaderboard(userId: string, benchmark?: string, sortBy: LeaderboardSortBy = 'primary_metric', sortOrder?: SortOrder): Promise<LeaderboardResponse> {
    // Names sort up by default, numbers (best first) down.
    const order = sortOrder ?? (sortBy === 'model' ? 'asc' : 'desc');
    const rows = await listUserLeaderboard(this.deps.db, userId, { benchmark: benchmark?.trim() || undefined, sortBy, sortOrder: order });
    const boards = new Map<string, BenchmarkLeaderboard>();
    for (const { benchmark: name, finished_at, ...entry } of rows) {
      let board = boards.get(name);
      if (!board) boards.set(name, (board = { benchmark: name, entries: [] }));
      board.entries.push({ ...entry, finished_at: iso(finished_at) });
    }
    return { leaderboards: [...boards.values()] };
  }
}
