/**
 * openbench `mrcr_scorer` (`scorers/mrcr.py`): difflib's SequenceMatcher ratio of the response and the answer, after
 * the sample's random prefix is required and removed from both, with the sample's token-count bin (prompt tokens in
 * ChatML plus the answer's tokens) for `mrcr_metrics`.
 */
import type { Score, Scorer } from '../types';
import { getTokenCount } from '../tasks/shared/token-count.util';
import { sequenceMatcherRatio } from './sequence-matcher.util';

/** `OPENAI_MRCR_BINS` (`metrics/mrcr.py`). */
export const OPENAI_MRCR_BINS: readonly (readonly [number, number])[] = [
  [4096, 8192], [8192, 16384], [16384, 32768], [32768, 65536], [65536, 131072], [131072, 262144], [262144, 524288], [524288, 1048576],
];

/** `_sequence_ratio`: without the prefix in front of the response the ratio is 0. */
export function mrcrSequenceRatio(response: string, answer: string, prefix: unknown): number {
  if (typeof prefix !== 'string' || prefix.length === 0) return sequenceMatcherRatio(response, answer);
  if (!response.startsWith(prefix)) return 0.0;
  return sequenceMatcherRatio(response.slice(prefix.length), answer.startsWith(prefix) ? answer.slice(prefix.length) : answer);
}

/** The bin of a total token count: the first and last bins include both edges, the others their left edge; else bin 0. */
export function mrcrBinIndex(totalTokens: number): number {
  const last = OPENAI_MRCR_BINS.length - 1;
  const index = OPENAI_MRCR_BINS.findIndex(([left, right], i) =>
    i === 0 || i === last ? left <= totalTokens && totalTokens <= right : left <= totalTokens && totalTokens < right,
  );
  return index === -1 ? 0 : index;
}

export function createMrcrScorer(): Scorer {
  return {
    name: 'mrcr_scorer',
    async score({ sample, completion }): Promise<Score> {
      const answer = String(sample.target);
      const ratio = mrcrSequenceRatio(completion, answer, sample.metadata?.random_string_to_prepend);
      // Upstream counts the answer's tokens here, not the response's.
      const totalTokens = Number(sample.metadata?.raw_input_tok_cnt ?? 0) + getTokenCount(answer);
      // Upstream writes total_tok_cnt into the sample's metadata; samples are shared here, so it is kept with the score.
      return { value: ratio, answer: completion, explanation: null, metadata: { bin_index: mrcrBinIndex(totalTokens), total_tok_cnt: totalTokens } };
    },
  };
}
