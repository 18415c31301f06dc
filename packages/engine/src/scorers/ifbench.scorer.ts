/**
 * openbench `ifbench_scorer` (`scorers/ifbench.py`): IFEval's strict and loose checking (`scoreInstructions`) over
 * IFBench's own registry. An instruction id the registry lacks scores 0 with no per-instruction metadata, as upstream.
 */
import type { Scorer } from '../types';
import { ifbenchChecker } from './ifbench.checkers';
import { scoreInstructions } from './ifeval.scorer';

export function createIfbenchScorer(): Scorer {
  return {
    name: 'ifbench_scorer',
    async score({ sample, completion }) {
      // No IFBench checker reports a `prompt` argument, so upstream's rebuild with the input prompt never happens.
      return scoreInstructions(completion, sample.metadata, '', (id, kwargs) => ifbenchChecker(id, kwargs), (id) => ({
        value: 0.0,
        explanation: `Unknown instruction id: ${id}`,
      }));
    },
  };
}
