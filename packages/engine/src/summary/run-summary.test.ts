import { passFailInterval, summarizeResults } from './run-summary';
import type { EvalScoreResult } from '../types';

const metric = (name: string, value: number) => ({ name, value });

test('accuracy gets its stderr and a Wilson interval; groups become a breakdown with counts', () => {
  const results: EvalScoreResult[] = [
    {
      name: 'mcq_scorer',
      scorer: 'mcq_scorer',
      scored_samples: 4,
      unscored_samples: 0,
      metrics: {
        accuracy: metric('accuracy', 0.75),
        stderr: metric('stderr', 0.25),
        std: metric('std', 0.5),
        stem_accuracy: metric('stem_accuracy', 1),
        stem_stderr: metric('stem_stderr', 0),
        other_accuracy: metric('other_accuracy', 0.5),
        other_stderr: metric('other_stderr', 0.5),
      },
    },
  ];
  const sample = (id: number, category: string, value: number) => ({
    sample_id: id,
    value,
    score: { value },
    sample_metadata: { category, subject: `s${id}` },
  });
  const reductions = [
    { scorer: 'mcq_scorer', samples: [sample(1, 'stem', 1), sample(2, 'stem', 1), sample(3, 'other', 1), sample(4, 'other', 0)] },
  ];
  const s = summarizeResults(results, reductions);
  expect(s.primary_metric).toEqual({ name: 'accuracy', value: 0.75 });
  expect(s.metrics).toHaveLength(1);
  const acc = s.metrics[0];
  expect(acc).toMatchObject({ name: 'accuracy', value: 0.75, stderr: 0.25 });
  // Wilson 95% for 3/4: (0.3006, 0.9544)
  expect(acc.ci_lower).toBeCloseTo(0.30064, 4);
  expect(acc.ci_upper).toBeCloseTo(0.95440, 4);
  expect(s.breakdowns).toEqual([
    {
      name: 'category',
      items: [
        { key: 'stem', value: 1, stderr: 0, n: 2, ci_lower: expect.any(Number), ci_upper: 1 },
        { key: 'other', value: 0.5, stderr: 0.5, n: 2, ci_lower: expect.any(Number), ci_upper: expect.any(Number) },
      ],
    },
  ]);
  expect(s.breakdowns[0].items[0].ci_lower).toBeGreaterThan(0);
});

test('non-accuracy metrics have no interval; no results means no summary', () => {
  const s = summarizeResults([
    { name: 'simpleqa_scorer', scorer: 'simpleqa_scorer', scored_samples: 2, unscored_samples: 0, metrics: { f1: metric('f1', 0.4) } },
  ]);
  expect(s.metrics).toEqual([{ name: 'f1', value: 0.4, stderr: null, ci_lower: null, ci_upper: null }]);
  expect(s.primary_metric).toEqual({ name: 'f1', value: 0.4 });
  expect(summarizeResults([]).primary_metric).toBeNull();
});

test('an accuracy whose value × n is not an exact integer (15/22) still gets its interval, counted from the samples', () => {
  const values = Array.from({ length: 22 }, (_, i) => (i < 15 ? 1 : 0));
  expect((15 / 22) * 22).not.toBe(15);
  const s = summarizeResults(
    [{ name: 'mcq_scorer', scorer: 'mcq_scorer', scored_samples: 22, unscored_samples: 0, metrics: { accuracy: metric('accuracy', 15 / 22) } }],
    [{ scorer: 'mcq_scorer', samples: values.map((value, i) => ({ sample_id: i + 1, value, score: { value } })) }],
  );
  expect(s.metrics[0].ci_lower).toBeCloseTo(0.4727, 3);
  expect(s.metrics[0].ci_upper).toBeCloseTo(0.8363, 3);
});

test('fractional scores (F1, multi-epoch means) have no Wilson interval instead of failing', () => {
  const values = [1, 0.5, 0.6667, 0];
  const s = summarizeResults(
    [{ name: 'qa_scorer', scorer: 'qa_scorer', scored_samples: 4, unscored_samples: 0, metrics: { accuracy: metric('accuracy', 0.541675) } }],
    [{ scorer: 'qa_scorer', samples: values.map((value, i) => ({ sample_id: i + 1, value, score: { value } })) }],
  );
  expect(s.metrics[0]).toMatchObject({ name: 'accuracy', ci_lower: null, ci_upper: null });
});

test('passFailInterval counts successes and skips unscored samples', () => {
  expect(passFailInterval([1, 0, Number.NaN, 1])).toMatchObject({ successes: 2, n: 3 });
  expect(passFailInterval([])).toBeNull();
  expect(passFailInterval([1, 0.5])).toBeNull();
});

test('the breakdown is counted by the first metadata field whose string values name every group', () => {
  const results: EvalScoreResult[] = [
    {
      name: 'mcq_scorer',
      scorer: 'mcq_scorer',
      scored_samples: 5,
      unscored_samples: 0,
      metrics: { accuracy: metric('accuracy', 0.6), a_accuracy: metric('a_accuracy', 0.5), b_accuracy: metric('b_accuracy', 1) },
    },
  ];
  // `partial` names only group a; `numeric` is not a string; `label` and `copy` both name every group, `label` first.
  const sample = (id: number, label: string, value: number, extra: Record<string, unknown> = {}) => ({
    sample_id: id,
    value,
    score: { value },
    sample_metadata: { partial: 'a', numeric: id, label, copy: label === 'b' ? 'b' : label, ...extra },
  });
  const samples = [sample(1, 'a', 1), sample(2, 'b', 1), sample(3, 'a', 0), sample(4, 'c', 0), sample(5, 'b', 1, { label: 7 })];
  const s = summarizeResults(results, [{ scorer: 'mcq_scorer', samples }]);
  expect(s.breakdowns).toEqual([
    {
      name: 'label',
      items: [
        expect.objectContaining({ key: 'a', value: 0.5, n: 2 }),
        // Sample 5's label is a number, so it counts for no group.
        expect.objectContaining({ key: 'b', value: 1, n: 1 }),
      ],
    },
  ]);
});
