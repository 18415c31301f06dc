/**
 * NLTK's `meteor_score(references, hypothesis, alpha, beta, gamma)` (nltk/translate/meteor_score.py, the same in 3.8
 * and 3.9.1) with its defaults: `str.lower` preprocessing, `PorterStemmer()` and the WordNet 3.0 corpus. Words are
 * aligned in three stages (exact, Porter stem, WordNet synonym), each scanning hypothesis and reference from the end;
 * the stem stage hands its *stemmed* leftovers on, so WordNet is asked about stems, as in NLTK.
 */
import { pyPow } from '../python-exp.util';
import { porterStem } from './porter-stemmer';
import { synonymLemmaNames } from './wordnet';

type Enum = [index: number, word: string];
type Match = [hypothesisIndex: number, referenceIndex: number];

/** `_match_enums` and `_enum_wordnetsyn_match`: `same(h, r)` decides a match; both lists lose the matched words. */
function matchEnums(hypothesis: Enum[], reference: Enum[], same: (h: string) => (r: string) => boolean): Match[] {
  const matches: Match[] = [];
  for (let i = hypothesis.length - 1; i >= 0; i--) {
    const matchesWord = same(hypothesis[i][1]);
    for (let j = reference.length - 1; j >= 0; j--) {
      if (matchesWord(reference[j][1])) {
        matches.push([hypothesis[i][0], reference[j][0]]);
        hypothesis.splice(i, 1);
        reference.splice(j, 1);
        break;
      }
    }
  }
  return matches;
}

const equal = (h: string) => (r: string) => h === r;
const synonym = (h: string) => {
  const names = synonymLemmaNames(h).add(h);
  return (r: string) => names.has(r);
};

function countChunks(matches: Match[]): number {
  let chunks = 1;
  for (let i = 0; i < matches.length - 1; i++) {
    if (!(matches[i + 1][0] === matches[i][0] + 1 && matches[i + 1][1] === matches[i][1] + 1)) chunks++;
  }
  return chunks;
}

export function singleMeteorScore(
  reference: readonly string[],
  hypothesis: readonly string[],
  alpha = 0.9,
  beta = 3.0,
  gamma = 0.5,
): number {
  let hyp: Enum[] = hypothesis.map((w, i) => [i, w.toLowerCase()]);
  let ref: Enum[] = reference.map((w, i) => [i, w.toLowerCase()]);
  const translationLength = hyp.length;
  const referenceLength = ref.length;
  const exact = matchEnums(hyp, ref, equal);
  hyp = hyp.map(([i, w]) => [i, porterStem(w)]);
  ref = ref.map(([i, w]) => [i, porterStem(w)]);
  const stem = matchEnums(hyp, ref, equal);
  const wordnet = matchEnums(hyp, ref, synonym);
  const matches = [...exact, ...stem, ...wordnet].sort((a, b) => a[0] - b[0]);
  const matchesCount = matches.length;
  // NLTK catches ZeroDivisionError: an empty side or no match at all scores 0.
  if (translationLength === 0 || referenceLength === 0 || matchesCount === 0) return 0;
  const precision = matchesCount / translationLength;
  const recall = matchesCount / referenceLength;
  const fmean = (precision * recall) / (alpha * precision + (1 - alpha) * recall);
  const fragFrac = countChunks(matches) / matchesCount;
  const penalty = gamma * pyPow(fragFrac, beta);
  return (1 - penalty) * fmean;
}

/** The best `single_meteor_score` over the references (NLTK's `max`). */
export function meteorScore(
  references: readonly string[][],
  hypothesis: readonly string[],
  alpha = 0.9,
  beta = 3.0,
  gamma = 0.5,
): number {
  return Math.max(...references.map((reference) => singleMeteorScore(reference, hypothesis, alpha, beta, gamma)));
}
