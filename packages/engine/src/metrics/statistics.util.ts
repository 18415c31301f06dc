/**
 * The two averaging schemes Inspect's numbers come from. Python's `statistics.mean` (epoch
 * reducers) is the exactly rounded mean, not `sum / n`; numpy's `mean`/`std` (stderr, std,
 * grouped "groups" aggregate) sum with numpy's pairwise summation. Reproducing both keeps the
 * last bits of reported values identical to Inspect's.
 */

/** Exact value of a finite double as `mantissa * 2^exponent`. */
function decompose(value: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const biased = (high >>> 20) & 0x7ff;
  const fraction = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  return { mantissa: high >>> 31 ? -mantissa : mantissa, exponent: biased === 0 ? -1074 : biased - 1075 };
}

function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}

/**
 * `numerator / denominator` (denominator > 0) rounded once to the nearest double, ties to even:
 * Python's `int / int` and `float(Fraction)`.
 */
export function ratioToDouble(numerator: bigint, denominator: bigint): number {
  if (numerator === 0n) return 0;
  const negative = numerator < 0n;
  const p = negative ? -numerator : numerator;
  // Scale so the integer quotient has 54 or 55 bits: enough for the rounding decision.
  const shift = bitLength(p) - bitLength(denominator) - 54;
  const scaledP = shift < 0 ? p << BigInt(-shift) : p;
  const scaledQ = shift > 0 ? denominator << BigInt(shift) : denominator;
  const quotient = scaledP / scaledQ;
  const sticky = scaledP % scaledQ !== 0n;
  let excess = bitLength(quotient) - 53;
  // Subnormal results keep fewer bits: the last kept bit may not be below 2^-1074.
  if (shift + excess < -1074) excess = -1074 - shift;
  const mask = (1n << BigInt(excess)) - 1n;
  const half = 1n << BigInt(excess - 1);
  let kept = quotient >> BigInt(excess);
  const dropped = quotient & mask;
  if (dropped > half || (dropped === half && (sticky || (kept & 1n) === 1n))) kept += 1n;
  const magnitude = Number(kept) * 2 ** (shift + excess);
  return negative ? -magnitude : magnitude;
}

/**
 * Python `statistics.mean`: the exact mean of the values, rounded once. NaN if any value is
 * NaN or infinities of both signs meet; an infinity otherwise dominates.
 */
export function meanOf(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('mean requires at least one data point');
  if (values.some(Number.isNaN)) return Number.NaN;
  const infinite = values.filter((value) => !Number.isFinite(value));
  if (infinite.length > 0) return infinite.every((value) => value === infinite[0]) ? infinite[0] : Number.NaN;
  const parts = values.filter((value) => value !== 0).map(decompose);
  if (parts.length === 0) return 0;
  const minExponent = Math.min(...parts.map((part) => part.exponent));
  const sum = parts.reduce((total, part) => total + (part.mantissa << BigInt(part.exponent - minExponent)), 0n);
  const count = BigInt(values.length);
  return minExponent >= 0
    ? ratioToDouble(sum << BigInt(minExponent), count)
    : ratioToDouble(sum, count << BigInt(-minExponent));
}

/** numpy's `pairwise_sum` for float64 (blocks of 128, eight accumulators, halves above). */
function pairwiseSum(values: readonly number[], start: number, count: number): number {
  if (count < 8) {
    let sum = 0;
    for (let i = start; i < start + count; i += 1) sum += values[i];
    return sum;
  }
  if (count <= 128) {
    const acc = values.slice(start, start + 8);
    let i = 8;
    for (; i < count - (count % 8); i += 8) {
      for (let lane = 0; lane < 8; lane += 1) acc[lane] += values[start + i + lane];
    }
    let sum = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    for (; i < count; i += 1) sum += values[start + i];
    return sum;
  }
  let half = Math.floor(count / 2);
  half -= half % 8;
  return pairwiseSum(values, start, half) + pairwiseSum(values, start + half, count - half);
}

/** `np.sum` of a float64 array. */
export function numpySum(values: readonly number[]): number {
  return pairwiseSum(values, 0, values.length);
}

/** `np.mean` of a float64 array (NaN when empty). */
export function numpyMean(values: readonly number[]): number {
  return numpySum(values) / values.length;
}

/** `np.std(values, ddof=ddof)`; the population standard deviation by default, as numpy's. */
export function numpyStd(values: readonly number[], ddof = 0): number {
  const mean = numpyMean(values);
  const squares = values.map((value) => (value - mean) * (value - mean));
  return Math.sqrt(numpySum(squares) / (values.length - ddof));
}

/** `np.std(values, ddof=1)`: the sample standard deviation. */
export function numpySampleStd(values: readonly number[]): number {
  return numpyStd(values, 1);
}
