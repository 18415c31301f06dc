import { planSamples } from '../runner';
import { getTask } from '../tasks/registry';
import type { Sample } from '../types';
import { storedResults } from './stored-results.builder';

const task = getTask('gsm8k');
const samples: Sample[] = [1, 2, 3].map((id) => ({ id, input: `q${id}`, target: String(id) }));
const right = { grade_school_math_scorer: { value: 1 } };
const wrong = { grade_school_math_scorer: { value: 0 } };

test('stored ids (text) match planned ids; records outside the plan and errored ones are left out', () => {
  const plan = planSamples(samples, { limit: 2, epochs: 1 });
  const { results, reductions } = storedResults(task, plan, [
    { sample_id: '3', epoch: 1, scores: right, error: null },
    { sample_id: '2', epoch: 1, scores: wrong, error: null },
    { sample_id: '1', epoch: 1, scores: right, error: null },
    { sample_id: '1', epoch: 2, scores: wrong, error: null },
  ]);
  // The task chose no reducers, so results do not name one (as Inspect logs them).
  expect(results).toEqual([
    expect.objectContaining({ name: 'grade_school_math_scorer', scored_samples: 2, metrics: expect.objectContaining({ accuracy: expect.objectContaining({ value: 0.5 }) }) }),
  ]);
  expect(results[0]).not.toHaveProperty('reducer');
  // Plan order, not storage order.
  expect(reductions[0].samples.map((s) => s.sample_id)).toEqual([1, 2]);
});

test('the run’s reducers, when it chose them, are named in the results', () => {
  const plan = planSamples(samples, { epochs: 2 });
  const stored = plan.map(({ sample, epoch }) => ({ sample_id: String(sample.id), epoch, scores: epoch === 1 ? right : wrong, error: null }));
  const { results } = storedResults(task, plan, stored, ['mean', 'max']);
  expect(results.map((r) => [r.reducer, r.metrics.accuracy.value])).toEqual([
    ['mean', 0.5],
    ['max', 1],
  ]);
});
