/**
 * openbench's `mmmu_mixed_scorer` (`src/openbench/scorers/mmmu.py`): open questions by the open-answer scorer, the
 * rest by the MCQ letter scorer. Upstream registers the inner scorer as `mixed`, the name its scores carry.
 */
import type { Scorer } from '../types';
import { createMcqScorer } from './mcq.scorer';
import { createOpenAnswerScorer } from './open-answer.scorer';

export function createMmmuMixedScorer(): Scorer {
  const mcq = createMcqScorer();
  const open = createOpenAnswerScorer();
  return {
    name: 'mixed',
    score(ctx) {
      const type = String(ctx.sample.metadata?.question_type ?? 'multiple-choice').toLowerCase();
      return type === 'open' ? open.score(ctx) : mcq.score(ctx);
    },
  };
}
