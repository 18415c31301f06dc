/**
 * A baseline JPEG encoder that writes what libjpeg-turbo writes for PIL's `img.save(out, "JPEG", quality=q)` on an
 * RGB image (or an `L` one): JFIF 1.01 header, the standard tables scaled by `jpeg_set_quality(q, TRUE)`, YCbCr 4:2:0
 * (libjpeg's default sampling), the islow integer DCT, and Huffman tables optimised for the image (`optimize=True`)
 * or the standard ones.
 * Each stage is ported from libjpeg-turbo's C code (`jccolor.c`, `jcsample.c`, `jcprepct.c`, `jfdctint.c`,
 * `jcdctmgr.c`, `jccoefct.c`, `jchuff.c`, `jcmarker.c`) with its integer arithmetic, so the bytes match PIL's.
 */

import { STD_AC_CHROMINANCE, STD_AC_LUMINANCE, STD_DC_CHROMINANCE, STD_DC_LUMINANCE } from './jpeg-std-huffman.data';

export interface RgbImage {
  width: number;
  height: number;
  /** Row-major R, G, B bytes. */
  data: Uint8Array;
}

const STD_LUMINANCE_QUANT = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
  18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
const STD_CHROMINANCE_QUANT = [
  17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99,
  ...new Array<number>(32).fill(99),
];

/** `jpeg_natural_order`: position k of the zig-zag sequence is natural (row-major) index NATURAL_ORDER[k]. */
const NATURAL_ORDER = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49,
  56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
];

/** `jpeg_quality_scaling` then `jpeg_add_quant_table(..., force_baseline=TRUE)`. */
function scaledQuantTable(basic: readonly number[], quality: number): number[] {
  const q = Math.min(Math.max(quality, 1), 100);
  const scale = q < 50 ? Math.trunc(5000 / q) : 200 - q * 2;
  return basic.map((value) => Math.min(Math.max(Math.trunc((value * scale + 50) / 100), 1), 255));
}

/** `compute_reciprocal(qval << 3)`: libjpeg-turbo quantises by a multiply and shift equivalent to its rounding. */
function divisors(table: readonly number[]): { recip: number[]; corr: number[]; shift: number[] } {
  const recip: number[] = [];
  const corr: number[] = [];
  const shift: number[] = [];
  for (const q of table) {
    const divisor = q << 3;
    const b = 31 - Math.clz32(divisor);
    let r = 16 + b;
    let fq = Math.floor(2 ** r / divisor);
    const fr = 2 ** r % divisor;
    let c = divisor >> 1;
    if (fr === 0) {
      fq = Math.floor(fq / 2);
      r -= 1;
    } else if (fr <= divisor >> 1) c += 1;
    else fq += 1;
    recip.push(fq);
    corr.push(c);
    shift.push(r);
  }
  return { recip, corr, shift };
}

// `jccolor.c` rgb_ycc tables (SCALEBITS 16).
const FIX = (x: number) => Math.trunc(x * 65536 + 0.5);
const ONE_HALF = 1 << 15;
const CBCR_OFFSET = 128 << 16;

/** `rgb_ycc_convert`: full-size Y, Cb, Cr planes. */
function rgbToYcc(image: RgbImage): [Uint8Array, Uint8Array, Uint8Array] {
  const n = image.width * image.height;
  const y = new Uint8Array(n);
  const cb = new Uint8Array(n);
  const cr = new Uint8Array(n);
  for (let i = 0; i < n; i += 1) {
    const r = image.data[3 * i];
    const g = image.data[3 * i + 1];
    const b = image.data[3 * i + 2];
    y[i] = (FIX(0.299) * r + FIX(0.587) * g + FIX(0.114) * b + ONE_HALF) >> 16;
    cb[i] = (-FIX(0.16874) * r - FIX(0.33126) * g + FIX(0.5) * b + CBCR_OFFSET + ONE_HALF - 1) >> 16;
    cr[i] = (FIX(0.5) * r - FIX(0.41869) * g - FIX(0.08131) * b + CBCR_OFFSET + ONE_HALF - 1) >> 16;
  }
  return [y, cb, cr];
}

interface Plane {
  width: number;
  height: number;
  data: Uint8Array;
}

/** A plane widened and heightened by repeating its last column and row (`expand_right_edge`, `expand_bottom_edge`). */
function padPlane(src: Uint8Array, width: number, height: number, padWidth: number, padHeight: number): Plane {
  const data = new Uint8Array(padWidth * padHeight);
  for (let row = 0; row < padHeight; row += 1) {
    const srcRow = Math.min(row, height - 1) * width;
    for (let col = 0; col < padWidth; col += 1) data[row * padWidth + col] = src[srcRow + Math.min(col, width - 1)];
  }
  return { width: padWidth, height: padHeight, data };
}

/** `h2v2_downsample`: 2×2 averages with the alternating 1, 2 rounding bias. */
function downsample2x2(src: Plane, outWidth: number, outHeight: number): Plane {
  const data = new Uint8Array(outWidth * outHeight);
  for (let row = 0; row < outHeight; row += 1) {
    const in0 = 2 * row * src.width;
    const in1 = in0 + src.width;
    let bias = 1;
    for (let col = 0; col < outWidth; col += 1) {
      const x = 2 * col;
      data[row * outWidth + col] = (src.data[in0 + x] + src.data[in0 + x + 1] + src.data[in1 + x] + src.data[in1 + x + 1] + bias) >> 2;
      bias ^= 3;
    }
  }
  return { width: outWidth, height: outHeight, data };
}

const DESCALE = (x: number, n: number) => (x + (1 << (n - 1))) >> n;

/** `jpeg_fdct_islow` (CONST_BITS 13, PASS1_BITS 2) on level-shifted samples, in place. */
function fdctIslow(d: Int32Array): void {
  for (let pass = 0; pass < 2; pass += 1) {
    const step = pass === 0 ? 1 : 8;
    const stride = pass === 0 ? 8 : 1;
    for (let k = 0; k < 8; k += 1) {
      const o = k * stride;
      const at = (i: number) => o + i * step;
      const tmp0 = d[at(0)] + d[at(7)];
      let tmp7 = d[at(0)] - d[at(7)];
      const tmp1 = d[at(1)] + d[at(6)];
      let tmp6 = d[at(1)] - d[at(6)];
      const tmp2 = d[at(2)] + d[at(5)];
      let tmp5 = d[at(2)] - d[at(5)];
      const tmp3 = d[at(3)] + d[at(4)];
      let tmp4 = d[at(3)] - d[at(4)];
      const tmp10 = tmp0 + tmp3;
      const tmp13 = tmp0 - tmp3;
      const tmp11 = tmp1 + tmp2;
      const tmp12 = tmp1 - tmp2;
      const shift = pass === 0 ? 13 - 2 : 13 + 2;
      if (pass === 0) {
        d[at(0)] = (tmp10 + tmp11) << 2;
        d[at(4)] = (tmp10 - tmp11) << 2;
      } else {
        d[at(0)] = DESCALE(tmp10 + tmp11, 2);
        d[at(4)] = DESCALE(tmp10 - tmp11, 2);
      }
      let z1 = (tmp12 + tmp13) * 4433;
      d[at(2)] = DESCALE(z1 + tmp13 * 6270, shift);
      d[at(6)] = DESCALE(z1 + tmp12 * -15137, shift);
      z1 = tmp4 + tmp7;
      let z2 = tmp5 + tmp6;
      let z3 = tmp4 + tmp6;
      let z4 = tmp5 + tmp7;
      const z5 = (z3 + z4) * 9633;
      tmp4 *= 2446;
      tmp5 *= 16819;
      tmp6 *= 25172;
      tmp7 *= 12299;
      z1 *= -7373;
      z2 *= -20995;
      z3 *= -16069;
      z4 *= -3196;
      z3 += z5;
      z4 += z5;
      d[at(7)] = DESCALE(tmp4 + z1 + z3, shift);
      d[at(5)] = DESCALE(tmp5 + z2 + z4, shift);
      d[at(3)] = DESCALE(tmp6 + z2 + z3, shift);
      d[at(1)] = DESCALE(tmp7 + z1 + z4, shift);
    }
  }
}

/** One component's quantised blocks, `blocksAcross` × `blocksDown` (dummy blocks included), natural order. */
interface ComponentBlocks {
  blocksAcross: number;
  blocksDown: number;
  blocks: Int16Array[];
}

/**
 * `forward_DCT` + `quantize` for every real block, then `compress_first_pass`'s dummy blocks: to the right of a row,
 * zero blocks carrying the last real block's DC; in the image's last block rows, zero blocks carrying the DC of the
 * block above that ends its MCU.
 */
function componentBlocks(plane: Plane, realAcross: number, realDown: number, h: number, v: number, table: readonly number[]): ComponentBlocks {
  const { recip, corr, shift } = divisors(table);
  const blocksAcross = Math.ceil(realAcross / h) * h;
  const blocksDown = Math.ceil(realDown / v) * v;
  const blocks: Int16Array[] = new Array(blocksAcross * blocksDown);
  const work = new Int32Array(64);
  for (let by = 0; by < realDown; by += 1) {
    for (let bx = 0; bx < realAcross; bx += 1) {
      for (let r = 0; r < 8; r += 1) {
        const base = (by * 8 + r) * plane.width + bx * 8;
        for (let c = 0; c < 8; c += 1) work[r * 8 + c] = plane.data[base + c] - 128;
      }
      fdctIslow(work);
      const out = new Int16Array(64);
      for (let i = 0; i < 64; i += 1) {
        const temp = work[i];
        const magnitude = Math.floor(((temp < 0 ? -temp : temp) + corr[i]) * recip[i] / 2 ** shift[i]);
        out[i] = temp < 0 ? -magnitude : magnitude;
      }
      blocks[by * blocksAcross + bx] = out;
    }
    for (let bx = realAcross; bx < blocksAcross; bx += 1) {
      const dummy = new Int16Array(64);
      dummy[0] = blocks[by * blocksAcross + bx - 1][0];
      blocks[by * blocksAcross + bx] = dummy;
    }
  }
  for (let by = realDown; by < blocksDown; by += 1) {
    for (let bx = 0; bx < blocksAcross; bx += 1) {
      const dummy = new Int16Array(64);
      const mcuLast = Math.floor(bx / h) * h + h - 1;
      dummy[0] = blocks[(by - 1) * blocksAcross + mcuLast][0];
      blocks[by * blocksAcross + bx] = dummy;
    }
  }
  return { blocksAcross, blocksDown, blocks };
}

const nbitsOf = (value: number) => (value === 0 ? 0 : 32 - Math.clz32(value < 0 ? -value : value));

interface HuffTable {
  bits: number[]; // the counts of codes of length 1..16
  values: number[];
  code: number[];
  size: number[];
}

/** `jpeg_gen_optimal_table` (libjpeg's classic loop: the largest index wins a tie), then the code assignment. */
function optimalTable(counts: readonly number[]): HuffTable {
  const freq = [...counts, 1]; // symbol 256 reserves the all-ones code
  const codesize = new Array<number>(257).fill(0);
  const others = new Array<number>(257).fill(-1);
  for (;;) {
    let c1 = -1;
    let v = 1e9;
    for (let i = 0; i <= 256; i += 1) if (freq[i] && freq[i] <= v) [v, c1] = [freq[i], i];
    let c2 = -1;
    v = 1e9;
    for (let i = 0; i <= 256; i += 1) if (freq[i] && freq[i] <= v && i !== c1) [v, c2] = [freq[i], i];
    if (c2 < 0) break;
    freq[c1] += freq[c2];
    freq[c2] = 0;
    codesize[c1] += 1;
    while (others[c1] >= 0) {
      c1 = others[c1];
      codesize[c1] += 1;
    }
    others[c1] = c2;
    codesize[c2] += 1;
    while (others[c2] >= 0) {
      c2 = others[c2];
      codesize[c2] += 1;
    }
  }
  const bits = new Array<number>(34).fill(0);
  for (let i = 0; i <= 256; i += 1) if (codesize[i]) bits[codesize[i]] += 1;
  let i = 32;
  for (; i > 16; i -= 1) {
    while (bits[i] > 0) {
      let j = i - 2;
      while (bits[j] === 0) j -= 1;
      bits[i] -= 2;
      bits[i - 1] += 1;
      bits[j + 1] += 2;
      bits[j] -= 1;
    }
  }
  while (bits[i] === 0) i -= 1;
  bits[i] -= 1;
  const values: number[] = [];
  for (let len = 1; len <= 32; len += 1) for (let sym = 0; sym <= 255; sym += 1) if (codesize[sym] === len) values.push(sym);
  const lengths = bits.slice(1, 17);
  return derivedTable(lengths, values.slice(0, lengths.reduce((a, b) => a + b, 0)));
}

/** `jpeg_make_c_derived_tbl`: canonical codes in order of length for a table's `bits[1..16]` and symbols. */
function derivedTable(bits: readonly number[], values: readonly number[]): HuffTable {
  const code = new Array<number>(256).fill(0);
  const size = new Array<number>(256).fill(0);
  let next = 0;
  let k = 0;
  for (let len = 1; len <= 16; len += 1) {
    for (let n = 0; n < bits[len - 1]; n += 1) {
      code[values[k]] = next;
      size[values[k]] = len;
      next += 1;
      k += 1;
    }
    next <<= 1;
  }
  return { bits: [...bits], values: [...values], code, size };
}

const STD_TABLES = [
  { dc: derivedTable(STD_DC_LUMINANCE.bits, STD_DC_LUMINANCE.values), ac: derivedTable(STD_AC_LUMINANCE.bits, STD_AC_LUMINANCE.values) },
  { dc: derivedTable(STD_DC_CHROMINANCE.bits, STD_DC_CHROMINANCE.values), ac: derivedTable(STD_AC_CHROMINANCE.bits, STD_AC_CHROMINANCE.values) },
];

class BitWriter {
  readonly bytes: number[] = [];
  private buffer = 0;
  private count = 0;

  put(code: number, size: number): void {
    this.buffer = (this.buffer << size) | (code & ((1 << size) - 1));
    this.count += size;
    while (this.count >= 8) {
      const byte = (this.buffer >> (this.count - 8)) & 0xff;
      this.bytes.push(byte);
      if (byte === 0xff) this.bytes.push(0); // byte stuffing
      this.count -= 8;
    }
    this.buffer &= (1 << this.count) - 1;
  }

  /** `flush_bits`: pad the last byte with 1 bits. */
  flush(): void {
    if (this.count > 0) this.put(0x7f, 8 - this.count);
  }
}

const u16 = (value: number) => [(value >> 8) & 0xff, value & 0xff];

/**
 * The blocks of an RGB image as libjpeg compresses it: Y, Cb, Cr at 4:2:0, each component's sampling factor and
 * quantisation table.
 */
function colorComponents(image: RgbImage, luma: readonly number[], chroma: readonly number[]): ComponentBlocks[] {
  const { width, height } = image;
  const [y, cb, cr] = rgbToYcc(image);
  const mcuRows = Math.ceil(height / 16);
  // Y is padded to whole blocks across and whole iMCU rows down (`fullsize_downsample`, `pre_process_data`). Chroma
  // is averaged from a plane padded to twice its block width and to an even height, and its last averaged row is
  // then repeated down to the iMCU height, as the prep controller pads the downsampled rows.
  const yBlocksAcross = Math.ceil(width / 8);
  const yBlocksDown = Math.ceil(height / 8);
  const cBlocksAcross = Math.ceil(width / 16);
  const cBlocksDown = Math.ceil(height / 16);
  const yPlane = padPlane(y, width, height, yBlocksAcross * 8, mcuRows * 16);
  const chromaRows = Math.ceil(height / 2);
  const chromaPlane = (full: Uint8Array) => {
    const averaged = downsample2x2(padPlane(full, width, height, cBlocksAcross * 16, chromaRows * 2), cBlocksAcross * 8, chromaRows);
    return padPlane(averaged.data, averaged.width, chromaRows, averaged.width, mcuRows * 8);
  };
  return [
    componentBlocks(yPlane, yBlocksAcross, yBlocksDown, 2, 2, luma),
    componentBlocks(chromaPlane(cb), cBlocksAcross, cBlocksDown, 1, 1, chroma),
    componentBlocks(chromaPlane(cr), cBlocksAcross, cBlocksDown, 1, 1, chroma),
  ];
}

/**
 * PIL's `Image.save(fp, "JPEG", quality=quality, optimize=…)` of an RGB image, or with `gray` of an `L` image
 * (`data` one byte per pixel): libjpeg's one-component JFIF, its blocks in a non-interleaved scan. `optimize` builds
 * Huffman tables for the image; without it libjpeg writes the standard tables.
 */
export function encodeJpegLikePil(image: RgbImage, quality: number, options: { optimize: boolean; gray?: boolean }): Uint8Array {
  const { width, height } = image;
  const gray = options.gray === true;
  const luma = scaledQuantTable(STD_LUMINANCE_QUANT, quality);
  const chroma = scaledQuantTable(STD_CHROMINANCE_QUANT, quality);
  const components = gray
    ? [componentBlocks(padPlane(image.data, width, height, Math.ceil(width / 8) * 8, Math.ceil(height / 8) * 8), Math.ceil(width / 8), Math.ceil(height / 8), 1, 1, luma)]
    : colorComponents(image, luma, chroma);
  const tableOf = gray ? [0] : [0, 1, 1];
  const sampling = gray ? [1] : [2, 1, 1];
  const mcuRows = gray ? components[0].blocksDown : Math.ceil(height / 16);
  const mcuCols = gray ? components[0].blocksAcross : Math.ceil(width / 16);

  /** The MCU sequence: one block each for a single component, else Y's 2×2 blocks row by row, then Cb, then Cr. */
  function forEachBlock(visit: (component: number, block: Int16Array) => void): void {
    for (let my = 0; my < mcuRows; my += 1) {
      for (let mx = 0; mx < mcuCols; mx += 1) {
        for (let ci = 0; ci < components.length; ci += 1) {
          const comp = components[ci];
          const s = sampling[ci];
          for (let r = 0; r < s; r += 1) for (let c = 0; c < s; c += 1) visit(ci, comp.blocks[(my * s + r) * comp.blocksAcross + mx * s + c]);
        }
      }
    }
  }

  /** Each block's symbols, as `encode_one_block` emits and `htest_one_block` counts them. */
  function blockSymbols(block: Int16Array, lastDc: number, emit: (kind: 'dc' | 'ac', symbol: number, value: number, nbits: number) => void): void {
    const diff = block[0] - lastDc;
    emit('dc', nbitsOf(diff), diff, nbitsOf(diff));
    let run = 0;
    for (let k = 1; k < 64; k += 1) {
      const value = block[NATURAL_ORDER[k]];
      if (value === 0) {
        run += 1;
        continue;
      }
      while (run > 15) {
        emit('ac', 0xf0, 0, 0);
        run -= 16;
      }
      const nbits = nbitsOf(value);
      emit('ac', (run << 4) + nbits, value, nbits);
      run = 0;
    }
    if (run > 0) emit('ac', 0, 0, 0);
  }

  const tableCount = gray ? 1 : 2;
  let tables = STD_TABLES.slice(0, tableCount);
  if (options.optimize) {
    const counts = tables.map(() => ({ dc: new Array<number>(256).fill(0), ac: new Array<number>(256).fill(0) }));
    const lastDc = components.map(() => 0);
    forEachBlock((ci, block) => {
      blockSymbols(block, lastDc[ci], (kind, symbol) => (counts[tableOf[ci]][kind][symbol] += 1));
      lastDc[ci] = block[0];
    });
    tables = counts.map(({ dc, ac }) => ({ dc: optimalTable(dc), ac: optimalTable(ac) }));
  }

  const writer = new BitWriter();
  const lastDc = components.map(() => 0);
  forEachBlock((ci, block) => {
    const table = tables[tableOf[ci]];
    blockSymbols(block, lastDc[ci], (kind, symbol, value, nbits) => {
      const huff = table[kind];
      writer.put(huff.code[symbol], huff.size[symbol]);
      // Negative values are sent as value - 1 in nbits bits (one's complement).
      if (nbits > 0) writer.put(value < 0 ? (value - 1) & ((1 << nbits) - 1) : value, nbits);
    });
    lastDc[ci] = block[0];
  });
  writer.flush();

  const out: number[] = [0xff, 0xd8];
  // APP0 JFIF 1.01, no density unit, 1:1, no thumbnail.
  out.push(0xff, 0xe0, ...u16(16), 0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, ...u16(1), ...u16(1), 0, 0);
  (gray ? [luma] : [luma, chroma]).forEach((table, index) => out.push(0xff, 0xdb, ...u16(67), index, ...NATURAL_ORDER.map((pos) => table[pos])));
  if (gray) out.push(0xff, 0xc0, ...u16(11), 8, ...u16(height), ...u16(width), 1, 1, 0x11, 0);
  else out.push(0xff, 0xc0, ...u16(17), 8, ...u16(height), ...u16(width), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1);
  tables.forEach(({ dc, ac }, index) => {
    for (const [huff, cls] of [[dc, 0], [ac, 0x10]] as const) {
      out.push(0xff, 0xc4, ...u16(2 + 1 + 16 + huff.values.length), cls | index, ...huff.bits, ...huff.values);
    }
  });
  if (gray) out.push(0xff, 0xda, ...u16(8), 1, 1, 0x00, 0, 63, 0);
  else out.push(0xff, 0xda, ...u16(12), 3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0);
  const result = new Uint8Array(out.length + writer.bytes.length + 2);
  result.set(out);
  result.set(writer.bytes, out.length);
  result.set([0xff, 0xd9], out.length + writer.bytes.length);
  return result;
}
