import { readVectors } from '../../test/vectors/read-vectors';
import { sequenceMatcherRatio } from './sequence-matcher.util';

// CPython's own ratios (test/vectors/sequence-matcher/sequence-matcher-vectors.py), long pairs included where autojunk applies.
const CASES = readVectors<{ a: string; b: string; ratio: number }>('sequence-matcher/sequence-matcher.jsonl');

describe('difflib.SequenceMatcher(None, a, b).ratio()', () => {
  it('has the vectors', () => {
    expect(CASES).toHaveLength(31);
  });

  it.each(CASES.map((c, i) => [i, c.a.length, c.b.length, c] as const))('case %i (%i and %i characters)', (_, __, ___, c) => {
    expect(sequenceMatcherRatio(c.a, c.b)).toBe(c.ratio);
  });
});
