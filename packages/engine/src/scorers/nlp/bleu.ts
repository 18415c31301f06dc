/**
 * NLTK's `sentence_bleu(references, hypothesis, weights, smoothing_function=SmoothingFunction().method1)`
 * (nltk/translate/bleu_score.py; the 3.9.1 changes there only keep `Fraction(..., _normalize=False)` working on
 * Python 3.12 and do not change any value), as ocrbenchv2's OCR metric calls it. The float steps follow Python's
 * order: each precision is one int/int division, `math.log`, then `math.fsum` (correctly rounded, ported below) and
 * `bp * math.exp(...)`, with glibc's (correctly rounded) log and exp rather than V8's.
 */

import { pyExp, pyLog } from '../python-exp.util';

const DEFAULT_WEIGHTS: readonly number[] = [0.25, 0.25, 0.25, 0.25];
/** `SmoothingFunction().epsilon`: method1 adds it to a zero numerator. */
const EPSILON = 0.1;

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    // JSON of the token tuple: a key no two different tuples share.
    const key = JSON.stringify(tokens.slice(i, i + n));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** `modified_precision`: the clipped n-gram matches and the hypothesis n-gram count (at least 1). */
function modifiedPrecision(
  references: readonly string[][],
  hypothesis: readonly string[],
  n: number,
): [number, number] {
  const counts = ngramCounts(hypothesis, n);
  const maxCounts = new Map<string, number>();
  for (const reference of references) {
    const referenceCounts = ngramCounts(reference, n);
    for (const ngram of counts.keys()) {
      maxCounts.set(ngram, Math.max(maxCounts.get(ngram) ?? 0, referenceCounts.get(ngram) ?? 0));
    }
  }
  let numerator = 0;
  let total = 0;
  for (const [ngram, count] of counts) {
    numerator += Math.min(count, maxCounts.get(ngram) as number);
    total += count;
  }
  return [numerator, Math.max(1, total)];
}

/** `closest_ref_length`: the reference length nearest the hypothesis length, the shorter one on a tie. */
function closestRefLength(references: readonly string[][], hypLen: number): number {
  let best = references[0].length;
  for (const reference of references) {
    const len = reference.length;
    const d = Math.abs(len - hypLen);
    const bestD = Math.abs(best - hypLen);
    if (d < bestD || (d === bestD && len < best)) best = len;
  }
  return best;
}

function brevityPenalty(closestRefLen: number, hypLen: number): number {
  if (hypLen > closestRefLen) return 1;
  if (hypLen === 0) return 0;
  return pyExp(1 - closestRefLen / hypLen);
}

/** CPython's `math.fsum` (Shewchuk's exact partials, then the round-half-even correction), for finite inputs. */
export function fsum(values: readonly number[]): number {
  const partials: number[] = [];
  for (let x of values) {
    let i = 0;
    for (let y of partials) {
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    partials.push(x);
  }
  let n = partials.length;
  if (n === 0) return 0;
  let hi = partials[--n];
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n];
    hi = x + y;
    const yr = hi - x;
    lo = y - yr;
    if (lo !== 0) break;
  }
  if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0))) {
    const y = lo * 2;
    const x = hi + y;
    const yr = x - hi;
    if (y === yr) hi = x;
  }
  return hi;
}

/**
 * `sentence_bleu([...references], hypothesis, weights, smoothing_function=SmoothingFunction().method1)`.
 * `references` must not be empty (NLTK raises on an empty list as well).
 */
export function sentenceBleu(
  references: readonly string[][],
  hypothesis: readonly string[],
  weights: readonly number[] = DEFAULT_WEIGHTS,
): number {
  const precisions = weights.map((_, i) => modifiedPrecision(references, hypothesis, i + 1));
  if (precisions[0][0] === 0) return 0;
  const bp = brevityPenalty(closestRefLength(references, hypothesis.length), hypothesis.length);
  const logs = precisions.map(([numerator, denominator], i) =>
    numerator === 0 ? weights[i] * pyLog((0 + EPSILON) / denominator) : weights[i] * pyLog(numerator / denominator),
  );
  return bp * pyExp(fsum(logs));
}
