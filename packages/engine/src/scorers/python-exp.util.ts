/**
 * CPython's `math.exp`, which calls the C library's `exp`: glibc's is correctly rounded in practice, while V8's
 * `Math.exp` (fdlibm) is off by one unit in the last place for some inputs (`exp(log(0.3))` gives 0.29999999999999993,
 * Python 0.3), enough to change sums of probabilities that scorers print and compare. This evaluates exp in
 * double-double arithmetic (about 106 bits) and rounds once.
 */

type DoubleDouble = [number, number];

const SPLITTER = 134217729; // 2^27 + 1

/** a + b exactly, as a rounded sum and its error (Knuth's two-sum). */
function twoSum(a: number, b: number): DoubleDouble {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

/** a × b exactly, as a rounded product and its error (Dekker's split). */
function twoProd(a: number, b: number): DoubleDouble {
  const p = a * b;
  const ca = SPLITTER * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLITTER * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

function add([ah, al]: DoubleDouble, [bh, bl]: DoubleDouble): DoubleDouble {
  const [s, e] = twoSum(ah, bh);
  return twoSum(s, e + al + bl);
}

function mul([ah, al]: DoubleDouble, [bh, bl]: DoubleDouble): DoubleDouble {
  const [p, e] = twoProd(ah, bh);
  return twoSum(p, e + ah * bl + al * bh);
}

/** ln 2 in double-double. */
const LN2: DoubleDouble = [0.6931471805599453, 2.3190468138462996e-17];

export function pyExp(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > 709.782712893384) return Infinity;
  if (x < -745.1332191019412) return 0;
  if (x === 0) return 1;
  const k = Math.round(x / LN2[0]);
  // r = x - k·ln2, |r| ≤ ln2/2, in double-double.
  const r = add([x, 0], mul([-k, 0], LN2));
  // Taylor series of exp(r): 1 + r + r²/2! + …, until the terms vanish below 2^-110.
  let term: DoubleDouble = [1, 0];
  let sum: DoubleDouble = [1, 0];
  for (let n = 1; n < 40; n += 1) {
    term = mul(term, r);
    term = divideBySmallInt(term, n);
    sum = add(sum, term);
    if (Math.abs(term[0]) < 1e-33) break;
  }
  // Scale by 2^k in two steps so that neither factor overflows; exact unless the result is subnormal.
  const half = Math.trunc(k / 2);
  return (sum[0] + sum[1]) * 2 ** half * 2 ** (k - half);
}

/** A double-double divided by a small positive integer. */
function divideBySmallInt([h, l]: DoubleDouble, n: number): DoubleDouble {
  const q = h / n;
  const [p, e] = twoProd(q, n);
  return twoSum(q, (h - p - e + l) / n);
}
