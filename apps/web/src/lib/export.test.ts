import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../api/types';
import { csvCell, runsToCsv, runsToJson } from './export';

const run: RunSummary = {
  run_id: 'r1',
  benchmark: 'mmlu',
  model: 'openai/gpt-4o',
  status: 'completed',
  created_at: '2026-01-01T00:00:00.000Z',
  started_at: '2026-01-01T00:00:01.000Z',
  finished_at: '2026-01-01T00:01:31.500Z',
  primary_metric: 0.75,
  primary_metric_name: 'accuracy',
  primary_metric_stderr: 0.0433,
  primary_metric_ci_lower: 0.6568,
  primary_metric_ci_upper: 0.8228,
  tags: ['baseline', 'a,b'],
  notes: 'said "hi"\nthen left',
  total_tokens: 1234,
};

describe('CSV export', () => {
  it('quotes fields with commas, quotes and newlines', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "x"')).toBe('"say ""x"""');
    expect(csvCell(null)).toBe('');
    expect(csvCell(-1.5)).toBe('-1.5');
  });
  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-2+3')).toBe("'-2+3");
  });
  it('writes one row per run with its duration in seconds', () => {
    const lines = runsToCsv([run]).split('\r\n');
    expect(lines[0]).toBe('run_id,benchmark,model,status,primary_metric_name,primary_metric,primary_metric_ci_lower,primary_metric_ci_upper,created_at,started_at,finished_at,duration_seconds,total_tokens,tags,notes');
    expect(lines[1]).toBe(
      'r1,mmlu,openai/gpt-4o,completed,accuracy,0.75,0.6568,0.8228,2026-01-01T00:00:00.000Z,2026-01-01T00:00:01.000Z,2026-01-01T00:01:31.500Z,90.5,1234,"baseline;a,b","said ""hi""\nthen left"',
    );
    expect(lines).toHaveLength(3);
  });
  it('JSON keeps the API shape', () => {
    expect(JSON.parse(runsToJson([run]))).toEqual([run]);
  });
});
