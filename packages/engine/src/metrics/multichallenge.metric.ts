/**
 * openbench `multichallenge_metrics()` (`metrics/multichallenge.py`): per axis, the share of questions passed at
 * least once (`axis_<axis>`), and their mean over axes (`overall_multichallenge`).
 */
import type { Metric } from '../types';

const MIN_SCORE = 0.5;

export function multichallengeMetrics(): Metric {
  return {
    name: 'multichallenge_metrics',
    compute(scores) {
      const byAxis = new Map<string, Map<unknown, boolean>>();
      for (const { score, value } of scores) {
        const md = score.metadata ?? {};
        const axis = md.axis;
        const qid = md.question_id;
        const passed = Boolean(md.passed ?? value >= MIN_SCORE);
        if (!axis || !qid) continue;
        const questions = byAxis.get(String(axis)) ?? new Map<unknown, boolean>();
        questions.set(qid, (questions.get(qid) ?? false) || passed);
        byAxis.set(String(axis), questions);
      }
      const rates = [...byAxis].map(([axis, questions]) => [axis, [...questions.values()].filter(Boolean).length / questions.size] as const);
      const overall = rates.length > 0 ? rates.reduce((sum, [, rate]) => sum + rate, 0) / rates.length : 0.0;
      return { ...Object.fromEntries(rates.map(([axis, rate]) => [`axis_${axis}`, rate])), overall_multichallenge: overall };
    },
  };
}
