import { describe, expect, it } from 'vitest';
import {
  formatCompact,
  formatDate,
  formatDuration,
  formatInterval,
  formatNumber,
  formatPercent,
  formatRelative,
  formatWithStderr,
  metricLabel,
  runDurationMs,
} from './format';

describe('numbers', () => {
  it('shows proportions with 3 decimals and their uncertainty', () => {
    expect(formatNumber(0.73412)).toBe('0.734');
    expect(formatWithStderr(0.73412, 0.01234)).toBe('0.734 ± 0.012');
    expect(formatWithStderr(0.5, null)).toBe('0.500');
    expect(formatInterval(0.7, 0.765)).toBe('[0.700, 0.765]');
    expect(formatInterval(null, 0.7)).toBeNull();
  });
  it('keeps integers whole and marks missing values', () => {
    expect(formatNumber(14042)).toBe('14,042');
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
    expect(formatPercent(0.7341)).toBe('73.4%');
  });
  it('compacts large counts', () => {
    expect(formatCompact(950)).toBe('950');
    expect(formatCompact(12_345)).toBe('12.3k');
    expect(formatCompact(4_500_000)).toBe('4.5M');
  });
});

describe('durations', () => {
  it('picks a unit by size', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_340)).toBe('12.3 s');
    expect(formatDuration(185_000)).toBe('3m 05s');
    expect(formatDuration(3_720_000)).toBe('1h 02m');
    expect(formatDuration(null)).toBe('—');
  });
  it('measures a run from start to finish, or to now while it runs', () => {
    const started_at = '2026-01-01T00:00:00.000Z';
    expect(runDurationMs({ started_at, finished_at: '2026-01-01T00:01:00.000Z' })).toBe(60_000);
    expect(runDurationMs({ started_at, finished_at: null }, Date.parse(started_at) + 5000)).toBe(5000);
    expect(runDurationMs({ started_at: null, finished_at: null })).toBeNull();
  });
});

describe('dates', () => {
  it('formats one way in local time', () => {
    const d = new Date(2026, 11, 6, 14, 3);
    expect(formatDate(d.toISOString())).toBe('2026-12-06 14:03');
    expect(formatDate(null)).toBe('—');
  });
  it('says how long ago', () => {
    const now = Date.parse('2026-01-02T00:00:00Z');
    expect(formatRelative('2026-01-01T23:59:50Z', now)).toBe('just now');
    expect(formatRelative('2026-01-01T23:55:00Z', now)).toBe('5 min ago');
    expect(formatRelative('2026-01-01T21:00:00Z', now)).toBe('3 h ago');
    expect(formatRelative('2025-12-31T00:00:00Z', now)).toBe('2 days ago');
  });
  it('labels metrics', () => {
    expect(metricLabel('accuracy')).toBe('Accuracy');
    expect(metricLabel('f1_score')).toBe('F1 score');
  });
});
