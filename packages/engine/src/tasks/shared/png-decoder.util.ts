/**
 * PNG decoding into the modes PIL 9.4's `PngImagePlugin` opens a PNG in (`_MODES`): every colour type, bit depth and
 * Adam7 interlacing; 16-bit samples keep their high byte as PIL's `;16B` raw modes do, 16-bit grayscale is mode `I`,
 * 1/2/4-bit grayscale is scaled to 0..255 as PIL's unpackers scale it, a palette keeps its tRNS alphas.
 */
import { inflateSync } from 'node:zlib';

/** An image in one of the PIL modes the loader distinguishes, pixels as interleaved 8-bit bands (mode `I`: 32-bit). */
export interface PilImage {
  mode: '1' | 'L' | 'I' | 'P' | 'RGB' | 'LA' | 'RGBA';
  width: number;
  height: number;
  data: Uint8Array | Int32Array;
  /** For mode P: RGBA entries (alpha from tRNS, else 255). */
  palette?: Uint8Array;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function isPng(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((byte, i) => bytes[i] === byte);
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** PNG filter reconstruction of one (sub-)image; returns the raw scanlines without filter bytes. */
function unfilter(data: Uint8Array, offset: number, width: number, height: number, bitsPerPixel: number): { rows: Uint8Array; end: number } {
  const stride = Math.ceil((width * bitsPerPixel) / 8);
  const bpp = Math.max(1, bitsPerPixel >> 3);
  const rows = new Uint8Array(stride * height);
  let pos = offset;
  for (let y = 0; y < height; y += 1) {
    const filter = data[pos];
    pos += 1;
    const row = y * stride;
    const prev = row - stride;
    for (let x = 0; x < stride; x += 1) {
      const raw = data[pos + x];
      const a = x >= bpp ? rows[row + x - bpp] : 0;
      const b = y > 0 ? rows[prev + x] : 0;
      const c = x >= bpp && y > 0 ? rows[prev + x - bpp] : 0;
      const predictor = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? paeth(a, b, c) : -1;
      if (predictor < 0) throw new Error(`PNG: unknown filter type ${filter}`);
      rows[row + x] = (raw + predictor) & 0xff;
    }
    pos += stride;
  }
  return { rows, end: pos };
}

/** Sample `index` of a scanline at `depth` bits per sample. */
function sampleAt(rows: Uint8Array, rowStart: number, index: number, depth: number): number {
  if (depth === 8) return rows[rowStart + index];
  if (depth === 16) return (rows[rowStart + 2 * index] << 8) | rows[rowStart + 2 * index + 1];
  const bit = index * depth;
  return (rows[rowStart + (bit >> 3)] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
}

const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

/** A PNG as PIL 9.4's `PngImagePlugin` opens it (`_MODES`). */
export function decodePng(bytes: Uint8Array): PilImage {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 8;
  let header: { width: number; height: number; depth: number; colorType: number; interlace: number } | undefined;
  let plte: Uint8Array | undefined;
  let trns: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  while (pos + 8 <= bytes.length) {
    const length = view.getUint32(pos);
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    const body = bytes.subarray(pos + 8, pos + 8 + length);
    if (type === 'IHDR') {
      header = { width: view.getUint32(pos + 8), height: view.getUint32(pos + 12), depth: body[8], colorType: body[9], interlace: body[12] };
    } else if (type === 'PLTE') plte = body;
    else if (type === 'tRNS') trns = body;
    else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    pos += 12 + length;
  }
  if (!header) throw new Error('PNG: no IHDR');
  const { width, height, depth, colorType } = header;
  const samples = ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[colorType];
  if (samples === undefined) throw new Error(`PNG: unknown colour type ${colorType}`);
  const raw = inflateSync(Buffer.concat(idat));
  // Every sample of the image, in pixel order, at its stored depth.
  const values = new Uint32Array(width * height * samples);
  const place = (sub: { rows: Uint8Array }, x0: number, y0: number, dx: number, dy: number, w: number, h: number) => {
    const stride = Math.ceil((w * samples * depth) / 8);
    for (let y = 0; y < h; y += 1) {
      for (let x = 0; x < w; x += 1) {
        const target = ((y0 + y * dy) * width + x0 + x * dx) * samples;
        for (let s = 0; s < samples; s += 1) {
          values[target + s] = depth === 8 ? sub.rows[y * stride + x * samples + s] : sampleAt(sub.rows, y * stride, x * samples + s, depth);
        }
      }
    }
  };
  if (header.interlace === 1) {
    let offset = 0;
    for (const [x0, y0, dx, dy] of ADAM7) {
      const w = Math.ceil((width - x0) / dx);
      const h = Math.ceil((height - y0) / dy);
      if (w <= 0 || h <= 0) continue;
      const sub = unfilter(raw, offset, w, h, samples * depth);
      place(sub, x0, y0, dx, dy, w, h);
      offset = sub.end;
    }
  } else {
    place(unfilter(raw, 0, width, height, samples * depth), 0, 0, 1, 1, width, height);
  }
  const n = width * height;
  // 16-bit samples keep their high byte, as PIL's `;16B` raw modes do.
  const shift = depth === 16 ? 8 : 0;
  const bytesOf = (count: number, scale = 1) => {
    const data = new Uint8Array(count);
    for (let i = 0; i < count; i += 1) data[i] = (values[i] >> shift) * scale;
    return data;
  };
  if (colorType === 0) {
    if (depth === 16) return { mode: 'I', width, height, data: Int32Array.from(values) };
    // `1` holds 0/255; `L;2` and `L;4` scale by 0x55 and 0x11.
    const scale = depth === 1 ? 255 : depth === 2 ? 0x55 : depth === 4 ? 0x11 : 1;
    return { mode: depth === 1 ? '1' : 'L', width, height, data: bytesOf(n, scale) };
  }
  if (colorType === 2) return { mode: 'RGB', width, height, data: bytesOf(n * 3) };
  if (colorType === 3) {
    if (!plte) throw new Error('PNG: palette image without PLTE');
    const palette = new Uint8Array(256 * 4);
    for (let i = 0; i < 256; i += 1) {
      palette.set([plte[3 * i] ?? 0, plte[3 * i + 1] ?? 0, plte[3 * i + 2] ?? 0, trns && i < trns.length ? trns[i] : 255], 4 * i);
    }
    return { mode: 'P', width, height, data: bytesOf(n), palette };
  }
  if (colorType === 4) {
    const la = bytesOf(n * 2);
    if (depth !== 16) return { mode: 'LA', width, height, data: la };
    // PIL opens 16-bit gray+alpha as RGBA (`LA;16B`): the gray in R, G and B.
    const data = new Uint8Array(n * 4);
    for (let i = 0; i < n; i += 1) {
      data[4 * i] = data[4 * i + 1] = data[4 * i + 2] = la[2 * i];
      data[4 * i + 3] = la[2 * i + 1];
    }
    return { mode: 'RGBA', width, height, data };
  }
  return { mode: 'RGBA', width, height, data: bytesOf(n * 4) };
}
