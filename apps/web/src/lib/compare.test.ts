import { describe, expect, it } from 'vitest';
import type { ComparePair, CompareResponse, CompareRun } from '../api/types';
import { formatP, groupSeries, metricRows, pairsToCsv, pairVerdict, parseIds } from './compare';

const run = (id: string, metrics: [string, number][]): CompareRun => ({
  run_id: id,
  benchmark: 'mmlu',
  model: `m/${id}`,
  status: 'completed',
  created_at: '2026-01-01T00:00:00Z',
  primary_metric: metrics[0]?.[1] ?? null,
  primary_metric_name: metrics[0]?.[0] ?? null,
  scored_samples: 10,
  metrics: metrics.map(([name, value]) => ({ name, value, stderr: null, ci_lower: null, ci_upper: null })),
});

const pair = (over: Partial<ComparePair>): ComparePair => ({
  run_a: 'a',
  run_b: 'b',
  shared_samples: 20,
  both_correct: 10,
  both_incorrect: 4,
  a_correct_b_incorrect: 1,
  b_correct_a_incorrect: 5,
  accuracy_a: 0.55,
  accuracy_b: 0.75,
  difference: 0.2,
  difference_ci_lower: 0.05,
  difference_ci_upper: 0.35,
  mcnemar_p_value: 0.21875,
  flipped_to_correct: [],
  flipped_to_incorrect: [],
  ...over,
});

const cmp: CompareResponse = {
  runs: [run('a', [['accuracy', 0.5], ['stderr_x', 1]]), run('b', [['accuracy', 0.7]])],
  groups: [
    { breakdown: 'category', key: 'STEM', values: [{ run_id: 'a', value: 0.4, stderr: null, n: 5, ci_lower: null, ci_upper: null }, { run_id: 'b', value: 0.6, stderr: null, n: 5, ci_lower: null, ci_upper: null }] },
    { breakdown: 'category', key: 'Other', values: [{ run_id: 'b', value: 0.9, stderr: null, n: 5, ci_lower: null, ci_upper: null }] },
  ],
  pairs: [pair({})],
  shared_samples: 20,
  warnings: [],
  bootstrap: { resamples: 10000, seed: 1, confidence: 0.95 },
};

describe('compare', () => {
  it('lines metrics up across runs and marks the best', () => {
    const rows = metricRows(cmp);
    expect(rows.map((r) => r.name)).toEqual(['accuracy', 'stderr_x']);
    expect(rows[0].best).toBe(1);
    expect(rows[1].cells[1]).toBeNull();
    expect(rows[1].best).toBeNull();
  });
  it('builds chart series per breakdown with gaps for missing groups', () => {
    expect(groupSeries(cmp).get('category')).toEqual({ groups: ['STEM', 'Other'], values: [[0.4, null], [0.6, 0.9]] });
  });
  it('says which run is better only when McNemar says so', () => {
    expect(pairVerdict(pair({}), 'A', 'B')).toBe('No significant difference (McNemar p = 0.219); 6 samples flipped.');
    expect(pairVerdict(pair({ mcnemar_p_value: 0.002 }), 'A', 'B')).toBe('B is better on these samples (McNemar p = 0.0020).');
    expect(pairVerdict(pair({ a_correct_b_incorrect: 0, b_correct_a_incorrect: 0 }), 'A', 'B')).toBe('Both runs got exactly the same samples right.');
    expect(pairVerdict(pair({ shared_samples: 0 }), 'A', 'B')).toBe('No sample was scored by both runs.');
    expect(formatP(0.00001)).toBe('< 0.0001');
  });
  it('exports pairs as CSV and reads ids', () => {
    expect(pairsToCsv(cmp).split('\r\n')[1]).toBe('a,b,m/a (mmlu),m/b (mmlu),20,10,4,1,5,0.55,0.75,0.2,0.05,0.35,0.21875');
    expect(parseIds(' a,b,,a ,c')).toEqual(['a', 'b', 'c']);
  });
});
