/**
 * numpy's `np.random.default_rng(seed).permutation(n)` (numpy/random: `bit_generator.pyx` SeedSequence,
 * `src/pcg64/pcg64.{h,c}` PCG64 XSL-RR, `_generator.pyx` `shuffle` and `distributions.c` `random_interval`), which
 * Hugging Face `datasets.Dataset.shuffle(seed=…)` applies and Inspect's `hf_dataset(shuffle=True, seed=…)` calls.
 * The sample order of such a task must be numpy's bit for bit, so every step is ported with its integer widths.
 */

const MASK32 = 0xffffffffn;
const MASK64 = (1n << 64n) - 1n;
const MASK128 = (1n << 128n) - 1n;
const INIT_A = 0x43b0d7e5;
const MULT_A = 0x931e8875;
const INIT_B = 0x8b51f9dd;
const MULT_B = 0x58f38ded;
const MIX_MULT_L = 0xca01f9dd;
const MIX_MULT_R = 0x4973f715;
const DEFAULT_POOL_SIZE = 4;
const PCG_DEFAULT_MULTIPLIER_128 = (2549297995355413924n << 64n) | 4865540595714422341n;

/** `_int_to_uint32_array`: a non-negative int as 32-bit words, lowest first (`[0]` for zero). */
function intToUint32Words(n: bigint): number[] {
  if (n < 0n) throw new Error('expected non-negative integer');
  if (n === 0n) return [0];
  const words: number[] = [];
  for (let rest = n; rest > 0n; rest >>= 32n) words.push(Number(rest & MASK32));
  return words;
}

/** `hashmix`: the multiplier advances on every call, so it lives in a one-element box as in the Cython. */
function hashmix(value: number, hashConst: [number]): number {
  let v = (value ^ hashConst[0]) >>> 0;
  hashConst[0] = Math.imul(hashConst[0], MULT_A) >>> 0;
  v = Math.imul(v, hashConst[0]) >>> 0;
  return (v ^ (v >>> 16)) >>> 0;
}

function mix(x: number, y: number): number {
  const result = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
  return (result ^ (result >>> 16)) >>> 0;
}

/** `SeedSequence(entropy).generate_state(nWords, np.uint64)` for an int entropy without a spawn key. */
export function seedSequenceState64(entropy: bigint, nWords: number): bigint[] {
  const entropyWords = intToUint32Words(entropy);
  const pool = new Array<number>(DEFAULT_POOL_SIZE).fill(0);
  const hashConst: [number] = [INIT_A];
  for (let i = 0; i < pool.length; i += 1) pool[i] = hashmix(i < entropyWords.length ? entropyWords[i] : 0, hashConst);
  for (let src = 0; src < pool.length; src += 1) {
    for (let dst = 0; dst < pool.length; dst += 1) if (src !== dst) pool[dst] = mix(pool[dst], hashmix(pool[src], hashConst));
  }
  for (let src = pool.length; src < entropyWords.length; src += 1) {
    for (let dst = 0; dst < pool.length; dst += 1) pool[dst] = mix(pool[dst], hashmix(entropyWords[src], hashConst));
  }
  let stateConst = INIT_B;
  const words32: number[] = [];
  for (let i = 0; i < nWords * 2; i += 1) {
    let value = (pool[i % pool.length] ^ stateConst) >>> 0;
    stateConst = Math.imul(stateConst, MULT_B) >>> 0;
    value = Math.imul(value, stateConst) >>> 0;
    words32.push((value ^ (value >>> 16)) >>> 0);
  }
  // `astype('<u4').view('<u8')`: each pair of words is one little-endian 64-bit word.
  return Array.from({ length: nWords }, (_, i) => BigInt(words32[2 * i]) | (BigInt(words32[2 * i + 1]) << 32n));
}

/** numpy's PCG64 bit generator (128-bit LCG, XSL-RR output) with its buffered 32-bit draws. */
export class NumpyPcg64 {
  private state = 0n;
  private readonly inc: bigint;
  private pendingUint32: number | null = null;

  constructor(seed: number | bigint) {
    const [s0, s1, i0, i1] = seedSequenceState64(BigInt(seed), 4);
    // `pcg64_set_seed` then `pcg_setseq_128_srandom_r`.
    this.inc = ((((i0 << 64n) | i1) << 1n) | 1n) & MASK128;
    this.step();
    this.state = (this.state + ((s0 << 64n) | s1)) & MASK128;
    this.step();
  }

  private step(): void {
    this.state = (this.state * PCG_DEFAULT_MULTIPLIER_128 + this.inc) & MASK128;
  }

  nextUint64(): bigint {
    this.step();
    const value = ((this.state >> 64n) ^ this.state) & MASK64;
    const rot = this.state >> 122n;
    return ((value >> rot) | (value << ((64n - rot) & 63n))) & MASK64;
  }

  /** `pcg64_next32`: the low half of a 64-bit draw now, the high half on the next call. */
  nextUint32(): number {
    if (this.pendingUint32 !== null) {
      const value = this.pendingUint32;
      this.pendingUint32 = null;
      return value;
    }
    const next = this.nextUint64();
    this.pendingUint32 = Number(next >> 32n);
    return Number(next & MASK32);
  }

  /** `random_interval(max)`: masked rejection sampling in [0, max]. */
  interval(max: number): number {
    if (max === 0) return 0;
    if (max > 0xffffffff) throw new Error('random_interval above 2**32 is not needed here');
    let mask = max;
    for (const shift of [1, 2, 4, 8, 16]) mask = (mask | (mask >>> shift)) >>> 0;
    let value: number;
    do value = (this.nextUint32() & mask) >>> 0;
    while (value > max);
    return value;
  }

  /** `Generator.permutation(n)`: `arange(n)` shuffled from the end, one `random_interval(i)` per position. */
  permutation(n: number): number[] {
    const items = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i >= 1; i -= 1) {
      const j = this.interval(i);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

/** `datasets.Dataset.shuffle(seed=seed)`: the rows in `np.random.default_rng(seed).permutation(len)` order. */
export function hfShuffle<T>(rows: readonly T[], seed: number): T[] {
  return new NumpyPcg64(seed).permutation(rows.length).map((index) => rows[index]);
}
