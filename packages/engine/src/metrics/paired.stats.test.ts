import { comparePaired, isCorrectScore, mcnemarExactPValue, pairedBootstrapDifference, PAIRED_BOOTSTRAP_RESAMPLES } from './paired.stats';

/** Exact two-sided p-value `min(1, 2·Σ_{i≤k} C(n,i) / 2^n)` in integer arithmetic, to check the float one against. */
function exactMcnemar(b: number, c: number): number {
  const n = b + c;
  const k = Math.min(b, c);
  let choose = 1n;
  let tail = 0n;
  for (let i = 0; i <= k; i++) {
    if (i > 0) choose = (choose * BigInt(n - i + 1)) / BigInt(i);
    tail += choose;
  }
  return Math.min(1, Number((2n * tail * 10n ** 18n) / 2n ** BigInt(n)) / 1e18);
}

describe('mcnemarExactPValue', () => {
  test('Armitage & Berry (1994), Statistical Methods in Medical Research, 3rd ed., p. 127: two culture media, 12 vs 2 discordant → P = 0.0129', () => {
    // 50 sputum specimens on media A and B: growth on both 20, A only 12, B only 2, neither 16. The exact
    // (binomial) McNemar test gives two-sided P = 0.0129 (the figure StatsDirect's documentation reproduces).
    const p = mcnemarExactPValue(12, 2);
    expect(p).toBeCloseTo(0.0129, 4);
    expect(p).toBeCloseTo((2 * (1 + 14 + 91)) / 16384, 14);
    expect(mcnemarExactPValue(2, 12)).toBe(p);
  });

  test.each([
    [0, 1],
    [1, 7],
    [6, 16],
    [10, 30],
    [3, 4],
    [0, 25],
    [40, 60],
  ])('b=%i, c=%i equals the exact binomial sum', (b, c) => {
    expect(mcnemarExactPValue(b, c)).toBeCloseTo(exactMcnemar(b, c), 12);
  });

  test('no discordant pairs, or balanced ones, is p = 1', () => {
    expect(mcnemarExactPValue(0, 0)).toBe(1);
    expect(mcnemarExactPValue(5, 5)).toBe(1);
    expect(mcnemarExactPValue(5, 6)).toBe(1);
  });

  test('thousands of discordant pairs (a 14,042-sample run) stay finite and accurate', () => {
    expect(mcnemarExactPValue(700, 700)).toBe(1);
    const p = mcnemarExactPValue(680, 720);
    expect(p).toBeCloseTo(exactMcnemar(680, 720), 10);
    expect(p).toBeGreaterThan(0.25);
    expect(mcnemarExactPValue(100, 3000)).toBe(0);
  });

  test('refuses counts that are not non-negative integers', () => {
    expect(() => mcnemarExactPValue(-1, 2)).toThrow(RangeError);
    expect(() => mcnemarExactPValue(1.5, 2)).toThrow(RangeError);
  });
});

/** Right/wrong scores of `n` pairs with the given cells, interleaved so any prefix is mixed. */
function table(bothRight: number, onlyA: number, onlyB: number, bothWrong: number): { a: number[]; b: number[] } {
  const a: number[] = [];
  const b: number[] = [];
  const cells: [number, number, number][] = [
    [1, 1, bothRight],
    [1, 0, onlyA],
    [0, 1, onlyB],
    [0, 0, bothWrong],
  ];
  for (const [x, y, count] of cells) {
    for (let i = 0; i < count; i++) {
      a.push(x);
      b.push(y);
    }
  }
  return { a, b };
}

describe('pairedBootstrapDifference', () => {
  const { a, b } = table(300, 40, 70, 90);

  test('the same seed gives the same interval; another seed one within sampling error', () => {
    const first = pairedBootstrapDifference(a, b);
    expect(pairedBootstrapDifference(a, b)).toEqual(first);
    expect(first).toMatchObject({ resamples: PAIRED_BOOTSTRAP_RESAMPLES, confidence: 0.95 });
    const other = pairedBootstrapDifference(a, b, { seed: 7 });
    expect(Math.abs(other.lower - first.lower)).toBeLessThan(0.01);
    expect(Math.abs(other.upper - first.upper)).toBeLessThan(0.01);
  });

  test('the interval contains the observed difference and matches the normal approximation', () => {
    const r = pairedBootstrapDifference(a, b);
    expect(r.difference).toBeCloseTo(30 / 500, 15);
    expect(r.lower).toBeLessThan(r.difference);
    expect(r.upper).toBeGreaterThan(r.difference);
    // sd of the paired difference d ∈ {-1, 0, 1}: sqrt((40 + 70)/500 − 0.06²) / sqrt(500).
    const se = Math.sqrt(110 / 500 - 0.06 ** 2) / Math.sqrt(500);
    expect(r.lower).toBeCloseTo(0.06 - 1.96 * se, 2);
    expect(r.upper).toBeCloseTo(0.06 + 1.96 * se, 2);
  });

  test('the interval narrows as n grows (about 1/sqrt(n))', () => {
    const small = pairedBootstrapDifference(a, b);
    const big4 = table(1200, 160, 280, 360);
    const large = pairedBootstrapDifference(big4.a, big4.b);
    expect(large.difference).toBeCloseTo(small.difference, 15);
    const ratio = (large.upper - large.lower) / (small.upper - small.lower);
    expect(ratio).toBeGreaterThan(0.4);
    expect(ratio).toBeLessThan(0.6);
  });

  test('equals resampling the pairs one by one, in distribution (fractional scores too)', () => {
    // Index resampling (with its own generator) as the reference: the two intervals agree to sampling error.
    let state = 12345;
    const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
    const fa = Array.from({ length: 400 }, (_, i) => ((i * 37) % 11) / 10);
    const fb = Array.from({ length: 400 }, (_, i) => ((i * 53 + 3) % 11) / 10);
    const ours = pairedBootstrapDifference(fa, fb, { resamples: 4000 });
    const means: number[] = [];
    for (let r = 0; r < 4000; r++) {
      let s = 0;
      for (let i = 0; i < 400; i++) {
        const j = Math.floor(random() * 400);
        s += fb[j]! - fa[j]!;
      }
      means.push(s / 400);
    }
    means.sort((x, y) => x - y);
    expect(ours.lower).toBeCloseTo(means[Math.round(0.025 * 3999)]!, 1);
    expect(ours.upper).toBeCloseTo(means[Math.round(0.975 * 3999)]!, 1);
    expect(Math.abs(ours.upper - ours.lower - (means[3899]! - means[100]!))).toBeLessThan(0.02);
  });

  test('identical runs have a zero-width interval at 0', () => {
    expect(pairedBootstrapDifference([1, 0, 1], [1, 0, 1])).toMatchObject({ difference: 0, lower: 0, upper: 0 });
  });

  test('refuses mismatched or empty input', () => {
    expect(() => pairedBootstrapDifference([1], [1, 0])).toThrow(RangeError);
    expect(() => pairedBootstrapDifference([], [])).toThrow(RangeError);
    expect(() => pairedBootstrapDifference([1], [1], { resamples: 0 })).toThrow(RangeError);
  });

  test('14,042 pairs resample quickly (multinomial draws, not 140 million index draws)', () => {
    const big = table(9000, 1500, 1700, 1842);
    const start = process.hrtime.bigint();
    const r = pairedBootstrapDifference(big.a, big.b);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    expect(r.lower).toBeLessThan(r.upper);
    // Generous: a correct implementation takes a few milliseconds; index resampling takes seconds.
    expect(ms).toBeLessThan(1000);
  });
});

describe('comparePaired', () => {
  test('the 2×2 table, flipped indices, McNemar and accuracies', () => {
    const a = [1, 1, 0, 0, 1, 0, 0.5];
    const b = [1, 0, 1, 0, 0, 1, 1];
    const r = comparePaired(a, b);
    expect(r).toMatchObject({ n: 7, bothCorrect: 1, bothIncorrect: 1, onlyA: [1, 4], onlyB: [2, 5, 6] });
    expect(r.pValue).toBe(1);
    expect(r.meanA).toBeCloseTo(3.5 / 7, 15);
    expect(r.meanB).toBeCloseTo(4 / 7, 15);
    expect(r.difference!.difference).toBeCloseTo(0.5 / 7, 15);
  });

  test('full credit is right; partial credit is not', () => {
    expect([1, 1.0, 0.999, 0.5, 0].map(isCorrectScore)).toEqual([true, true, false, false, false]);
  });

  test('no shared samples: counts of zero, p = 1, no accuracies', () => {
    expect(comparePaired([], [])).toEqual({ n: 0, bothCorrect: 0, bothIncorrect: 0, onlyA: [], onlyB: [], pValue: 1, meanA: null, meanB: null, difference: null });
  });

  test('the Armitage & Berry table as runs: p = 0.0129, B better by 10/50', () => {
    const { a, b } = table(20, 2, 12, 16);
    const r = comparePaired(a, b);
    expect(r.pValue).toBeCloseTo(0.0129, 4);
    expect(r.difference!.difference).toBeCloseTo(0.2, 15);
    expect(r.difference!.lower).toBeGreaterThan(0);
  });
});
