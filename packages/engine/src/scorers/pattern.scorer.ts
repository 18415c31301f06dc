/**
 * Inspect's `pattern(pattern, ignore_case=True, match_all=False)` scorer as of Inspect 0.3.141 (openbench v0.5.3's):
 * the first capture group that equals a target (case-insensitively) is correct; with a single group the failed
 * match is still reported as the answer; no match at all is incorrect.
 */
import type { Score, Scorer } from '../types';

/** `pattern` is a JavaScript regular expression written to match as the Python one does (no `g` flag). */
export function createPatternScorer(pattern: RegExp): Scorer {
  return {
    name: 'pattern',
    async score({ sample, completion }): Promise<Score> {
      const match = pattern.exec(completion);
      if (!match) return { value: 'I', explanation: `Scoring pattern not matched in output: ${completion}` };
      const groups = match.slice(1);
      const targets = (Array.isArray(sample.target) ? sample.target : [sample.target]).map((t) => t.toLowerCase());
      const found = groups.find((group): group is string => typeof group === 'string' && targets.includes(group.toLowerCase()));
      const answer = found === undefined && groups.length === 1 ? groups[0] : found;
      return { value: found ? 'C' : 'I', answer: answer ?? null, explanation: completion };
    },
  };
}
