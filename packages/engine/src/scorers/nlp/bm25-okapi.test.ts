import { readVectors } from '../../../test/vectors/read-vectors';
import { selectPassages } from '../../scoring-services/wikipedia-knowledge.source';
import { Bm25Okapi } from './bm25-okapi';

interface Bm25Case {
  topic: string;
  query: string;
  passages: string[];
  scores: number[];
  order: number[];
}

// Written by test/vectors/bm25/bm25-vectors.generator.py with rank-bm25's own BM25Okapi and numpy's argsort.
const CASES = readVectors<Bm25Case>('bm25/bm25-okapi.jsonl');

describe('BM25Okapi (rank-bm25 0.2.2) and openbench’s passage selection', () => {
  it.each(CASES.map((c, i) => [i, c] as const))('case %i: the same scores, to the last bit', (_i, c) => {
    const tokens = c.passages.map((p) => p.replaceAll('<s>', ' ').replaceAll('</s>', ' ').split(/\s+/).filter(Boolean));
    const query = c.query.trim() ? c.query.split(/\s+/).filter(Boolean) : c.topic.split(/\s+/);
    expect(new Bm25Okapi(tokens).getScores(query)).toEqual(c.scores);
  });

  it.each(CASES.map((c, i) => [i, c] as const))('case %i: the top passages in numpy’s argsort(-scores) order', (_i, c) => {
    const keep = c.passages.length - 1;
    expect(selectPassages(c.topic, c.query, c.passages, keep)).toEqual(c.order.slice(0, keep).map((i) => c.passages[i]));
  });

  it('keeps every paragraph, in order, when there are no more than asked for, and refuses an empty corpus', () => {
    expect(selectPassages('t', 'q', ['b', 'a'], 2)).toEqual(['b', 'a']);
    expect(() => new Bm25Okapi([])).toThrow('at least one document');
  });
});
