/**
 * Paired comparison of two runs over the samples they share: the 2×2 table of right/wrong, McNemar's exact
 * test on its discordant cells, and a paired bootstrap interval for the difference in mean score. Pure
 * functions: the same scores always give the same numbers (the bootstrap uses a fixed-seed generator).
 */

import { mulberry32 } from './random.util';

/** A sample counts as right when it got full credit (value_to_float ≥ 1: "C", true, 1.0). */
export const isCorrectScore = (score: number): boolean => score >= 1;

/** Resamples of the paired bootstrap: enough for a stable 2.5/97.5 percentile interval. */
export const PAIRED_BOOTSTRAP_RESAMPLES = 10_000;
/** Seed of the bootstrap's generator, fixed so a comparison gives the same interval every time. */
export const PAIRED_BOOTSTRAP_SEED = 20_251_126;
export const PAIRED_BOOTSTRAP_CONFIDENCE = 0.95;

const LN2 = Math.LN2;
const HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln(k!) for a non-negative integer: a product below 21, Stirling's series (error < 1e-15) above. */
function logFactorial(k: number): number {
  if (k < 21) {
    let product = 1;
    for (let i = 2; i <= k; i++) product *= i;
    return Math.log(product);
  }
  const x = k + 1;
  const x2 = x * x;
  return (x - 0.5) * Math.log(x) - x + HALF_LN_2PI + (1 / 12 - (1 / 360 - (1 / 1260 - 1 / (1680 * x2)) / x2) / x2) / x;
}

const logChoose = (n: number, k: number) => logFactorial(n) - logFactorial(k) - logFactorial(n - k);

/**
 * McNemar's exact test (the exact conditional test): under the null hypothesis the `b` + `c` discordant
 * pairs split as Binomial(b + c, 1/2), and the two-sided p-value is `min(1, 2·P(X ≤ min(b, c)))`.
 * 1 when there are no discordant pairs.
 */
export function mcnemarExactPValue(b: number, c: number): number {
  for (const [name, v] of [['b', b], ['c', c]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`${name} must be a non-negative integer, got ${v}`);
  }
  const n = b + c;
  const k = Math.min(b, c);
  // With k ≥ (n − 1)/2 the doubled tail covers the whole distribution.
  if (2 * k + 1 >= n) return 1;
  // P(X = k), then down to P(X = 0) by the ratio of neighbouring terms: P(i-1)/P(i) = i / (n - i + 1).
  let term = Math.exp(logChoose(n, k) - n * LN2);
  let tail = term;
  for (let i = k; i > 0 && term > 0; i--) {
    term *= i / (n - i + 1);
    tail += term;
  }
  return Math.min(1, 2 * tail);
}

/**
 * One Binomial(n, p) draw by inversion, searching outward from the mode: the cost grows with the standard
 * deviation, not with n, so a multinomial resample of 14,000 samples costs a few dozen steps.
 */
function binomial(n: number, p: number, random: () => number): number {
  if (n === 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(n, 1 - p, random);
  const odds = p / (1 - p);
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const atMode = Math.exp(logChoose(n, mode) + mode * Math.log(p) + (n - mode) * Math.log1p(-p));
  let u = random() - atMode;
  if (u <= 0) return mode;
  let lo = mode;
  let hi = mode;
  let pLo = atMode;
  let pHi = atMode;
  while (lo > 0 || hi < n) {
    if (lo > 0) {
      pLo *= lo / ((n - lo + 1) * odds);
      lo--;
      u -= pLo;
      if (u <= 0) return lo;
    }
    if (hi < n) {
      pHi *= ((n - hi) * odds) / (hi + 1);
      hi++;
      u -= pHi;
      if (u <= 0) return hi;
    }
  }
  // Only rounding leaves mass unaccounted for; it belongs near the mode.
  return mode;
}

/** numpy's default (linear) percentile of sorted values, `q` in [0, 1]. */
function percentile(sorted: Float64Array, q: number): number {
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

export interface BootstrapOptions {
  /** Default PAIRED_BOOTSTRAP_RESAMPLES. */
  resamples?: number;
  /** Default PAIRED_BOOTSTRAP_SEED. */
  seed?: number;
  /** Two-sided level of the percentile interval; default 0.95. */
  confidence?: number;
}

export interface BootstrapInterval {
  /** Observed mean of `b - a`. */
  difference: number;
  lower: number;
  upper: number;
  resamples: number;
  seed: number;
  confidence: number;
}

/**
 * Paired bootstrap percentile interval of mean(b) − mean(a): each resample draws the n pairs with replacement
 * and takes the mean of their differences. Drawing n pairs uniformly is a multinomial draw of how often each
 * distinct difference appears, which is what is sampled here (conditional binomials), so the cost depends on
 * the number of distinct differences (3 for right/wrong scores), not on n, with the same distribution.
 */
export function pairedBootstrapDifference(a: readonly number[], b: readonly number[], options: BootstrapOptions = {}): BootstrapInterval {
  const n = a.length;
  if (n !== b.length) throw new RangeError(`paired scores differ in length: ${n} and ${b.length}`);
  if (n === 0) throw new RangeError('the bootstrap needs at least one pair');
  const resamples = options.resamples ?? PAIRED_BOOTSTRAP_RESAMPLES;
  const seed = options.seed ?? PAIRED_BOOTSTRAP_SEED;
  const confidence = options.confidence ?? PAIRED_BOOTSTRAP_CONFIDENCE;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);

  const counts = new Map<number, number>();
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = b[i]! - a[i]!;
    sum += d;
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  // Most frequent first: the early draws take most of n, so the later ones are small.
  const groups = [...counts].sort((x, y) => y[1] - x[1] || x[0] - y[0]);
  const random = mulberry32(seed);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let left = n;
    let leftWeight = n;
    let total = 0;
    for (let g = 0; g < groups.length && left > 0; g++) {
      const [value, count] = groups[g]!;
      const drawn = g === groups.length - 1 ? left : binomial(left, count / leftWeight, random);
      total += value * drawn;
      left -= drawn;
      leftWeight -= count;
    }
    means[r] = total / n;
  }
  means.sort();
  const alpha = (1 - confidence) / 2;
  return { difference: sum / n, lower: percentile(means, alpha), upper: percentile(means, 1 - alpha), resamples, seed, confidence };
}

export interface PairedComparison {
  /** Pairs compared. */
  n: number;
  bothCorrect: number;
  bothIncorrect: number;
  /** Indices of the pairs right in `a` and wrong in `b`. */
  onlyA: number[];
  /** Indices of the pairs right in `b` and wrong in `a`. */
  onlyB: number[];
  /** McNemar's exact p-value on the discordant pairs (1 without any). */
  pValue: number;
  /** Mean score of each side (the fraction right for right/wrong scores); null without pairs. */
  meanA: number | null;
  meanB: number | null;
  /** mean(b) − mean(a) with its paired bootstrap interval; null without pairs. */
  difference: BootstrapInterval | null;
}

/** The paired view of two runs' scores of the same samples, `a[i]` and `b[i]` being one sample. */
export function comparePaired(a: readonly number[], b: readonly number[], options: BootstrapOptions = {}): PairedComparison {
  if (a.length !== b.length) throw new RangeError(`paired scores differ in length: ${a.length} and ${b.length}`);
  const onlyA: number[] = [];
  const onlyB: number[] = [];
  let bothCorrect = 0;
  let sumA = 0;
  let sumB = 0;
  for (let i = 0; i < a.length; i++) {
    const rightA = isCorrectScore(a[i]!);
    const rightB = isCorrectScore(b[i]!);
    if (rightA && rightB) bothCorrect++;
    else if (rightA) onlyA.push(i);
    else if (rightB) onlyB.push(i);
    sumA += a[i]!;
    sumB += b[i]!;
  }
  const n = a.length;
  return {
    n,
    bothCorrect,
    bothIncorrect: n - bothCorrect - onlyA.length - onlyB.length,
    onlyA,
    onlyB,
    pValue: mcnemarExactPValue(onlyA.length, onlyB.length),
    meanA: n > 0 ? sumA / n : null,
    meanB: n > 0 ? sumB / n : null,
    difference: n > 0 ? pairedBootstrapDifference(a, b, options) : null,
  };
}
