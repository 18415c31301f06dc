/**
 * A JPEG decoder that yields the pixels PIL gets from libjpeg-turbo with its defaults (`Image.open(jpeg)`): baseline
 * and progressive Huffman-coded 8-bit images, the islow integer IDCT, "fancy" (triangle-filter) chroma upsampling
 * with edge rows repeated, and the fixed-point YCbCr→RGB tables. The numerical stages are ported from libjpeg-turbo
 * (`jidctint.c`, `jdsample.c`, `jdcolor.c`, `jdmaster.c`, `jdmainct.c`'s context rows); the entropy decoding
 * (`jpeg-scan.util.ts`) is the standard's, which has only one correct result. Arithmetic coding, lossless, 12-bit and four-component
 * (CMYK/YCCK) images are refused.
 */

import { buildHuffman, decodeScan, ZIGZAG, type Component, type Huffman } from './jpeg-scan.util';

/** A JPEG this decoder does not read, though PIL does (the caller must not treat it as unreadable). */
export class UnsupportedJpegError extends Error {}

export interface DecodedJpeg {
  /** PIL's mode: `L` for one component, `RGB` for three. */
  mode: 'L' | 'RGB';
  width: number;
  height: number;
  data: Uint8Array;
}

/** `jpeg_idct_islow`'s output clamp: the centred value masked to 10 bits, through `sample_range_limit + 128`. */
function rangeLimit(value: number): number {
  const x = value & 1023;
  return x < 128 ? x + 128 : x < 512 ? 255 : x < 896 ? 0 : x - 896;
}

const descale = (x: number, n: number) => Math.floor((x + 2 ** (n - 1)) / 2 ** n);

/** `jpeg_idct_islow` of one block into `out` (stride `stride`) at `outOffset`. */
function idctIslow(coefs: Int16Array, offset: number, quant: Int32Array, out: Uint8Array, outOffset: number, stride: number, ws: Float64Array): void {
  for (let col = 0; col < 8; col += 1) {
    const q = (i: number) => coefs[offset + i * 8 + col] * quant[i * 8 + col];
    if (coefs[offset + 8 + col] === 0 && coefs[offset + 16 + col] === 0 && coefs[offset + 24 + col] === 0 && coefs[offset + 32 + col] === 0 &&
      coefs[offset + 40 + col] === 0 && coefs[offset + 48 + col] === 0 && coefs[offset + 56 + col] === 0) {
      const dc = q(0) * 4;
      for (let i = 0; i < 8; i += 1) ws[i * 8 + col] = dc;
      continue;
    }
    let z2 = q(2);
    let z3 = q(6);
    let z1 = (z2 + z3) * 4433;
    let tmp2 = z1 + z3 * -15137;
    let tmp3 = z1 + z2 * 6270;
    z2 = q(0);
    z3 = q(4);
    let tmp0 = (z2 + z3) * 8192;
    let tmp1 = (z2 - z3) * 8192;
    const tmp10 = tmp0 + tmp3;
    const tmp13 = tmp0 - tmp3;
    const tmp11 = tmp1 + tmp2;
    const tmp12 = tmp1 - tmp2;
    tmp0 = q(7);
    tmp1 = q(5);
    tmp2 = q(3);
    tmp3 = q(1);
    [tmp0, tmp1, tmp2, tmp3] = oddPart(tmp0, tmp1, tmp2, tmp3);
    ws[col] = descale(tmp10 + tmp3, 11);
    ws[56 + col] = descale(tmp10 - tmp3, 11);
    ws[8 + col] = descale(tmp11 + tmp2, 11);
    ws[48 + col] = descale(tmp11 - tmp2, 11);
    ws[16 + col] = descale(tmp12 + tmp1, 11);
    ws[40 + col] = descale(tmp12 - tmp1, 11);
    ws[24 + col] = descale(tmp13 + tmp0, 11);
    ws[32 + col] = descale(tmp13 - tmp0, 11);
  }
  for (let row = 0; row < 8; row += 1) {
    const w = row * 8;
    const o = outOffset + row * stride;
    if (ws[w + 1] === 0 && ws[w + 2] === 0 && ws[w + 3] === 0 && ws[w + 4] === 0 && ws[w + 5] === 0 && ws[w + 6] === 0 && ws[w + 7] === 0) {
      const dc = rangeLimit(descale(ws[w], 5));
      for (let i = 0; i < 8; i += 1) out[o + i] = dc;
      continue;
    }
    const z2 = ws[w + 2];
    const z3 = ws[w + 6];
    const z1 = (z2 + z3) * 4433;
    const tmp2e = z1 + z3 * -15137;
    const tmp3e = z1 + z2 * 6270;
    const tmp0e = (ws[w] + ws[w + 4]) * 8192;
    const tmp1e = (ws[w] - ws[w + 4]) * 8192;
    const tmp10 = tmp0e + tmp3e;
    const tmp13 = tmp0e - tmp3e;
    const tmp11 = tmp1e + tmp2e;
    const tmp12 = tmp1e - tmp2e;
    const [tmp0, tmp1, tmp2, tmp3] = oddPart(ws[w + 7], ws[w + 5], ws[w + 3], ws[w + 1]);
    out[o] = rangeLimit(descale(tmp10 + tmp3, 18));
    out[o + 7] = rangeLimit(descale(tmp10 - tmp3, 18));
    out[o + 1] = rangeLimit(descale(tmp11 + tmp2, 18));
    out[o + 6] = rangeLimit(descale(tmp11 - tmp2, 18));
    out[o + 2] = rangeLimit(descale(tmp12 + tmp1, 18));
    out[o + 5] = rangeLimit(descale(tmp12 - tmp1, 18));
    out[o + 3] = rangeLimit(descale(tmp13 + tmp0, 18));
    out[o + 4] = rangeLimit(descale(tmp13 - tmp0, 18));
  }
}

/** The odd part shared by both IDCT passes (inputs at positions 7, 5, 3, 1). */
function oddPart(t0: number, t1: number, t2: number, t3: number): [number, number, number, number] {
  const z1 = (t0 + t3) * -7373;
  const z2 = (t1 + t2) * -20995;
  let z3 = t0 + t2;
  let z4 = t1 + t3;
  const z5 = (z3 + z4) * 9633;
  z3 = z3 * -16069 + z5;
  z4 = z4 * -3196 + z5;
  return [t0 * 2446 + z1 + z3, t1 * 16819 + z2 + z4, t2 * 25172 + z2 + z3, t3 * 12299 + z1 + z4];
}

/** A component's samples after the IDCT: `dw`×`dh` of a plane `stride` wide. */
interface Plane {
  data: Uint8Array;
  stride: number;
  dw: number;
  dh: number;
}

/** The component upsampled to the image size as `jdsample.c` does with `do_fancy_upsampling`. */
function upsample(p: Plane, hExpand: number, vExpand: number, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height);
  const at = (x: number, y: number) => p.data[Math.min(Math.max(y, 0), p.dh - 1) * p.stride + x];
  const outWidth = p.dw * hExpand;
  const row = new Uint8Array(outWidth);
  for (let y = 0; y < height; y += 1) {
    const inY = Math.floor(y / vExpand);
    if (hExpand === 2 && vExpand === 2 && p.dw > 2) {
      // h2v2_fancy_upsample: column sums of 3×nearer + farther row, then 3:1 horizontally with biases 8 and 7.
      const other = y % 2 === 0 ? inY - 1 : inY + 1;
      const sum = (x: number) => at(x, inY) * 3 + at(x, other);
      let lastSum = sum(0);
      let thisSum = lastSum;
      let nextSum = sum(1);
      row[0] = (thisSum * 4 + 8) >> 4;
      row[1] = (thisSum * 3 + nextSum + 7) >> 4;
      for (let x = 1; x < p.dw - 1; x += 1) {
        lastSum = thisSum;
        thisSum = nextSum;
        nextSum = sum(x + 1);
        row[2 * x] = (thisSum * 3 + lastSum + 8) >> 4;
        row[2 * x + 1] = (thisSum * 3 + nextSum + 7) >> 4;
      }
      lastSum = thisSum;
      thisSum = nextSum;
      row[2 * p.dw - 2] = (thisSum * 3 + lastSum + 8) >> 4;
      row[2 * p.dw - 1] = (thisSum * 4 + 7) >> 4;
    } else if (hExpand === 2 && vExpand === 1 && p.dw > 2) {
      // h2v1_fancy_upsample: 3:1 with biases 1 and 2.
      row[0] = at(0, inY);
      row[1] = (at(0, inY) * 3 + at(1, inY) + 2) >> 2;
      for (let x = 1; x < p.dw - 1; x += 1) {
        const v3 = at(x, inY) * 3;
        row[2 * x] = (v3 + at(x - 1, inY) + 1) >> 2;
        row[2 * x + 1] = (v3 + at(x + 1, inY) + 2) >> 2;
      }
      const last = at(p.dw - 1, inY);
      row[2 * p.dw - 2] = (last * 3 + at(p.dw - 2, inY) + 1) >> 2;
      row[2 * p.dw - 1] = last;
    } else if (hExpand === 1 && vExpand === 2) {
      // h1v2_fancy_upsample: 3:1 vertically with biases 1 (row above) and 2 (row below).
      const [other, bias] = y % 2 === 0 ? [inY - 1, 1] : [inY + 1, 2];
      for (let x = 0; x < p.dw; x += 1) row[x] = (at(x, inY) * 3 + at(x, other) + bias) >> 2;
    } else {
      // Full size, or plain replication (`h2v1_upsample`, `h2v2_upsample`, `int_upsample`).
      for (let x = 0; x < outWidth; x += 1) row[x] = at(Math.floor(x / hExpand), inY);
    }
    out.set(row.subarray(0, width), y * width);
  }
  return out;
}

// `build_ycc_rgb_table` (SCALEBITS 16).
const FIX = (x: number) => Math.trunc(x * 65536 + 0.5);
const CR_R = Array.from({ length: 256 }, (_, i) => (FIX(1.402) * (i - 128) + 32768) >> 16);
const CB_B = Array.from({ length: 256 }, (_, i) => (FIX(1.772) * (i - 128) + 32768) >> 16);
const CR_G = Array.from({ length: 256 }, (_, i) => -FIX(0.71414) * (i - 128));
const CB_G = Array.from({ length: 256 }, (_, i) => -FIX(0.34414) * (i - 128) + 32768);
const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v);

/** `Image.open(jpeg)` then reading its pixels, as PIL 9.4 with libjpeg-turbo does for 8-bit gray and 3-component JPEGs. */
export function decodeJpegLikePil(data: Uint8Array): DecodedJpeg {
  const quant: Int32Array[] = [];
  const dc: Huffman[] = [];
  const ac: Huffman[] = [];
  let components: Component[] = [];
  let frame: { width: number; height: number; mcusAcross: number; mcusDown: number; progressive: boolean } | undefined;
  let restartInterval = 0;
  let sawJfif = false;
  let adobeTransform: number | null = null;
  let pos = 2;
  if (data[0] !== 0xff || data[1] !== 0xd8) throw new Error('JPEG: no SOI marker');
  while (pos < data.length) {
    if (data[pos] !== 0xff) {
      pos += 1;
      continue;
    }
    const marker = data[pos + 1];
    if (marker === 0xff || marker === 0x00 || (marker >= 0xd0 && marker <= 0xd7)) {
      pos += marker === 0xff ? 1 : 2;
      continue;
    }
    if (marker === 0xd9) break;
    const length = (data[pos + 2] << 8) | data[pos + 3];
    const body = data.subarray(pos + 4, pos + 2 + length);
    const next = pos + 2 + length;
    if (marker === 0xe0 && length - 2 >= 14 && String.fromCharCode(...body.subarray(0, 5)) === 'JFIF\0') sawJfif = true;
    else if (marker === 0xee && length - 2 >= 12 && String.fromCharCode(...body.subarray(0, 5)) === 'Adobe') adobeTransform = body[11];
    else if (marker === 0xdb) {
      for (let p = 0; p < body.length; ) {
        const precision = body[p] >> 4;
        const table = new Int32Array(64);
        for (let k = 0; k < 64; k += 1) table[ZIGZAG[k]] = precision ? (body[p + 1 + 2 * k] << 8) | body[p + 2 + 2 * k] : body[p + 1 + k];
        quant[body[p] & 15] = table;
        p += 1 + 64 * (precision ? 2 : 1);
      }
    } else if (marker === 0xc4) {
      for (let p = 0; p < body.length; ) {
        const counts = body.subarray(p + 1, p + 17);
        const total = counts.reduce((sum, n) => sum + n, 0);
        const table = buildHuffman(counts, body.slice(p + 17, p + 17 + total));
        if (body[p] >> 4) ac[body[p] & 15] = table;
        else dc[body[p] & 15] = table;
        p += 17 + total;
      }
    } else if (marker === 0xdd) restartInterval = (body[0] << 8) | body[1];
    else if (marker === 0xc0 || marker === 0xc1 || marker === 0xc2) {
      if (body[0] !== 8) throw new UnsupportedJpegError(`JPEG: ${body[0]}-bit samples are not supported`);
      const height = (body[1] << 8) | body[2];
      const width = (body[3] << 8) | body[4];
      const n = body[5];
      if (n !== 1 && n !== 3) throw new UnsupportedJpegError(`JPEG: ${n} components (CMYK/YCCK) are not supported`);
      components = Array.from({ length: n }, (_, i) => ({
        id: body[6 + 3 * i],
        h: body[7 + 3 * i] >> 4,
        v: body[7 + 3 * i] & 15,
        tq: body[8 + 3 * i],
        blocksAcross: 0,
        blocksDown: 0,
        gridAcross: 0,
        gridDown: 0,
        coefs: new Int16Array(0),
        pred: 0,
      }));
      const hmax = Math.max(...components.map((c) => c.h));
      const vmax = Math.max(...components.map((c) => c.v));
      const mcusAcross = Math.ceil(width / (8 * hmax));
      const mcusDown = Math.ceil(height / (8 * vmax));
      for (const c of components) {
        c.blocksAcross = Math.ceil(Math.ceil((width * c.h) / hmax) / 8);
        c.blocksDown = Math.ceil(Math.ceil((height * c.v) / vmax) / 8);
        c.gridAcross = mcusAcross * c.h;
        c.gridDown = mcusDown * c.v;
        c.coefs = new Int16Array(c.gridAcross * c.gridDown * 64);
      }
      frame = { width, height, mcusAcross, mcusDown, progressive: marker === 0xc2 };
    } else if ((marker >= 0xc3 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)) {
      throw new UnsupportedJpegError(`JPEG: SOF${marker - 0xc0} (lossless or arithmetic coding) is not supported`);
    } else if (marker === 0xda) {
      if (!frame) throw new Error('JPEG: scan before frame header');
      const n = body[0];
      const scanComponents: Component[] = [];
      for (let i = 0; i < n; i += 1) {
        const c = components.find((item) => item.id === body[1 + 2 * i]);
        if (!c) throw new Error('JPEG: scan names an unknown component');
        c.dcTable = dc[body[2 + 2 * i] >> 4];
        c.acTable = ac[body[2 + 2 * i] & 15];
        // libjpeg latches a component's quantisation table when its first scan starts.
        c.quant ??= Int32Array.from(quant[c.tq]);
        c.pred = 0;
        scanComponents.push(c);
      }
      const s = 1 + 2 * n;
      pos = decodeScan(data, next, { components: scanComponents, ss: body[s], se: body[s + 1], ah: body[s + 2] >> 4, al: body[s + 2] & 15 }, frame, restartInterval);
      continue;
    }
    pos = next;
  }
  if (!frame) throw new Error('JPEG: no frame header');
  const { width, height } = frame;
  const hmax = Math.max(...components.map((c) => c.h));
  const vmax = Math.max(...components.map((c) => c.v));
  const ws = new Float64Array(64);
  const planes = components.map((c) => {
    const stride = c.blocksAcross * 8;
    const samples = new Uint8Array(stride * c.blocksDown * 8);
    const table = c.quant ?? new Int32Array(64);
    for (let by = 0; by < c.blocksDown; by += 1) {
      for (let bx = 0; bx < c.blocksAcross; bx += 1) idctIslow(c.coefs, (by * c.gridAcross + bx) * 64, table, samples, by * 8 * stride + bx * 8, stride, ws);
    }
    const plane: Plane = { data: samples, stride, dw: Math.ceil((width * c.h) / hmax), dh: Math.ceil((height * c.v) / vmax) };
    return upsample(plane, hmax / c.h, vmax / c.v, width, height);
  });
  if (components.length === 1) return { mode: 'L', width, height, data: planes[0] };
  const rgb = new Uint8Array(width * height * 3);
  const [ids0, ids1, ids2] = components.map((c) => c.id);
  const isRgb = !sawJfif && (adobeTransform === 0 || (adobeTransform === null && ids0 === 82 && ids1 === 71 && ids2 === 66));
  for (let i = 0; i < width * height; i += 1) {
    const [y, cb, cr] = [planes[0][i], planes[1][i], planes[2][i]];
    if (isRgb) rgb.set([y, cb, cr], 3 * i);
    else {
      rgb[3 * i] = clamp(y + CR_R[cr]);
      rgb[3 * i + 1] = clamp(y + ((CB_G[cb] + CR_G[cr]) >> 16));
      rgb[3 * i + 2] = clamp(y + CB_B[cb]);
    }
  }
  return { mode: 'RGB', width, height, data: rgb };
}
