/**
 * CPython's `math.exp`, `math.log` and `float ** float`, which call the C library's `exp`, `log` and `pow`: glibc's
 * are correctly rounded in practice, while V8's `Math.exp` / `Math.log` / `Math.pow` (fdlibm) are off by one unit in
 * the last place for some inputs (`exp(log(0.3))` gives 0.29999999999999993, Python 0.3), enough to change sums of
 * probabilities that scorers print and compare, or BLEU and METEOR values. These evaluate in double-double arithmetic
 * (about 106 bits) and round once.
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
  return roundExp(expDD([x, 0]));
}

/** exp of a double-double, as a double-double mantissa sum and the power of two k it still has to be scaled by. */
function expDD(x: DoubleDouble): [DoubleDouble, number] {
  const k = Math.round(x[0] / LN2[0]);
  // r = x - k·ln2, |r| ≤ ln2/2, in double-double.
  const r = add(x, mul([-k, 0], LN2));
  // Taylor series of exp(r): 1 + r + r²/2! + …, until the terms vanish below 2^-110.
  let term: DoubleDouble = [1, 0];
  let sum: DoubleDouble = [1, 0];
  for (let n = 1; n < 40; n += 1) {
    term = mul(term, r);
    term = divideBySmallInt(term, n);
    sum = add(sum, term);
    if (Math.abs(term[0]) < 1e-33) break;
  }
  return [sum, k];
}

/** Scales by 2^k in two steps so that neither factor overflows; exact unless the result is subnormal. */
function roundExp([sum, k]: [DoubleDouble, number]): number {
  const half = Math.trunc(k / 2);
  return (sum[0] + sum[1]) * 2 ** half * 2 ** (k - half);
}

/** ln x for a positive normal double: one Newton step from `Math.log`, y + (x − e^y)/e^y, in double-double. */
function logDD(x: number): DoubleDouble {
  const y = Math.log(x);
  const [[eh, el], k] = expDD([y, 0]);
  // e^y = (eh + el)·2^k; scaling x instead keeps the difference exact.
  const half = Math.trunc(k / 2);
  const xs = x * 2 ** -half * 2 ** -(k - half);
  const [dh, dl] = twoSum(xs, -eh);
  return twoSum(y, (dh + dl - el) / eh);
}

/** `math.log(x)` for finite x > 0 (the only inputs BLEU gives it). */
export function pyLog(x: number): number {
  const [h, l] = logDD(x);
  return h + l;
}

/** Python's `x ** y` for finite x > 0 (METEOR's fragmentation penalty): exp(y·ln x) in double-double. */
export function pyPow(x: number, y: number): number {
  if (x === 1 || y === 0) return 1;
  return roundExp(expDD(mul([y, 0], logDD(x))));
}

/** A double-double divided by a small positive integer. */
function divideBySmallInt([h, l]: DoubleDouble, n: number): DoubleDouble {
  const q = h / n;
  const [p, e] = twoProd(q, n);
  return twoSum(q, (h - p - e + l) / n);
}
