/**
 * The ports behind ocrbenchv2's OCR metric against real NLTK (Debian python3-nltk 3.8 with NLTK 3.9's WordNet
 * morphy, WordNet 3.0; generator and provenance in test/vectors/ocr-nlp-generator/ and test/vectors/README.md,
 * "OCR NLP"): Porter stems, the WordNet names METEOR can match, glibc's log and pow, and BLEU (method1) / METEOR on
 * perturbed sentence pairs, compared exactly (no tolerance).
 */
import { readVectors } from '../../../test/vectors/read-vectors';
import { pyLog, pyPow } from '../python-exp.util';
import { fsum, sentenceBleu } from './bleu';
import { meteorScore, singleMeteorScore } from './meteor';
import { porterStem } from './porter-stemmer';
import { synonymLemmaNames } from './wordnet';

type Row =
  | { fn: 'stem'; word: string; expected: string }
  | { fn: 'synonyms'; word: string; expected: string[] }
  | { fn: 'log'; x: number; expected: number }
  | { fn: 'pow'; x: number; y: number; expected: number }
  | { fn: 'score'; kind: string; references: string[][]; hypothesis: string[]; bleu: number | null; meteor: number };

const rows = readVectors<Row>('ocr-nlp.jsonl');
const pick = <F extends Row['fn']>(fn: F) => rows.filter((r): r is Extract<Row, { fn: F }> => r.fn === fn);

describe('NLTK ports against NLTK’s own values', () => {
  it('PorterStemmer().stem', () => {
    const cases = pick('stem');
    expect(cases.length).toBeGreaterThan(3000);
    const wrong = cases
      .filter((c) => porterStem(c.word) !== c.expected)
      .map((c) => [c.word, porterStem(c.word), c.expected]);
    expect(wrong).toEqual([]);
  });

  it('wordnet.synsets lemma names (as METEOR collects them)', () => {
    const cases = pick('synonyms');
    expect(cases.length).toBeGreaterThan(3000);
    const wrong = cases
      .map((c) => ({ word: c.word, got: [...synonymLemmaNames(c.word)].sort(), expected: c.expected }))
      .filter((c) => JSON.stringify(c.got) !== JSON.stringify([...c.expected].sort()));
    expect(wrong).toEqual([]);
  });

  it('math.log and ** (glibc) on the values BLEU and METEOR give them', () => {
    const logs = pick('log');
    const pows = pick('pow');
    expect(logs.length + pows.length).toBe(1600);
    expect(logs.filter((c) => !Object.is(pyLog(c.x), c.expected))).toEqual([]);
    expect(pows.filter((c) => !Object.is(pyPow(c.x, c.y), c.expected))).toEqual([]);
    // V8's own functions are not enough: they round some of these the other way.
    expect(logs.some((c) => Math.log(c.x) !== c.expected) || pows.some((c) => c.x ** c.y !== c.expected)).toBe(true);
  });

  it('sentence_bleu with method1 smoothing and meteor_score', () => {
    const cases = pick('score');
    expect(cases.length).toBeGreaterThan(900);
    const wrong = cases
      .map((c) => ({
        ...c,
        gotBleu: c.hypothesis.length > 0 ? sentenceBleu(c.references, c.hypothesis) : null,
        gotMeteor: meteorScore(c.references, c.hypothesis),
      }))
      .filter((c) => c.gotBleu !== c.bleu || c.gotMeteor !== c.meteor);
    expect(wrong).toEqual([]);
  });
});

describe('worked examples', () => {
  it('METEOR matches WordNet synonyms of the Porter stem, not of the word', () => {
    // "auto" and "car" share a synset; "big"/"large" do not match because WordNet is asked about "larg".
    expect(singleMeteorScore(['the', 'auto', 'is', 'red'], ['the', 'car', 'is', 'red'])).toBe(0.9921875);
    expect(singleMeteorScore(['big', 'house'], ['large', 'house'])).toBe(0.25);
    expect(singleMeteorScore(['TOTAL', '12.00'], ['SUM', '12.00'])).toBe(0.9375);
  });

  it('morphy makes one pass of the detachment rules (NLTK 3.9), not 3.8’s repeated passes', () => {
    expect(synonymLemmaNames('cats').has('cat')).toBe(true);
    expect(synonymLemmaNames('catss').size).toBe(0);
    // "geese" → "goose" through the noun exception list.
    expect(synonymLemmaNames('geese').has('goose')).toBe(true);
  });

  it('BLEU is 0 without a unigram match and smooths missing higher orders with 0.1', () => {
    expect(sentenceBleu([['a', 'b']], ['c', 'd'])).toBe(0);
    // p1 = 1, p2..p4 = 0.1/1 (no bigram in a one-token hypothesis): exp(3/4 · ln 0.1).
    expect(sentenceBleu([['a']], ['a'])).toBe(0.1778279410038923);
  });

  it('fsum is correctly rounded where a naive sum is not', () => {
    expect(fsum([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1])).toBe(1);
    expect(fsum([1e100, 1, -1e100, 1e-100, 1e50, -1, -1e50])).toBe(1e-100);
  });
});
