/**
 * The image preparation of openbench's MathVista loader (`datasets/mathvista.py` `record_to_sample`), which runs
 * PIL 9.4-era semantics: open the image, flatten transparency onto white (`Image.new("RGB", size, white).paste(img,
 * mask=alpha)`) or `convert("RGB")`, `thumbnail((max, max), LANCZOS)` when larger, and save as JPEG at the given
 * quality with `optimize=True`.
 *
 * - PNG is decoded here (every colour type, bit depth and Adam7 interlacing) into PIL's modes: 16-bit samples keep
 *   their high byte (`RGB;16B`, `RGBA;16B`, `LA;16B` → RGBA), 16-bit grayscale is PIL 9.4's mode `I`, which
 *   `convert("RGB")` clips to 0..255, and 1/2/4-bit grayscale is scaled to 0..255 as PIL's unpackers do.
 * - JPEG sources are decoded by `jpeg-js`, whose IDCT and chroma upsampling are not libjpeg-turbo's, so their pixels
 *   can differ from PIL's by a few levels (see packages/engine/README.md); PIL's DCT-domain `draft` shrink for JPEGs
 *   of 6144 px and more is not reproduced either.
 * - The resize is PIL's `ImagingResample` with the Lanczos filter in 8-bit fixed point; the `reduce()` step that
 *   `reducing_gap=2.0` adds for images 4× larger than the target (6144 px at the default 1536) is not ported, and such
 *   an image is refused rather than sent differently.
 * - The encoder (`jpeg-encoder.util.ts`) writes libjpeg-turbo's bytes.
 */
import { inflateSync } from 'node:zlib';
import { decode as decodeJpeg } from 'jpeg-js';
import { encodeJpegLikePil, type RgbImage } from './jpeg-encoder.util';

/** An image in one of the PIL modes the loader distinguishes, pixels as interleaved 8-bit bands (mode `I`: 32-bit). */
interface PilImage {
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

export function isJpeg(bytes: Uint8Array): boolean {
  return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
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
function decodePng(bytes: Uint8Array): PilImage {
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

function decodeJpegSource(bytes: Uint8Array): PilImage {
  const decoded = decodeJpeg(bytes, { useTArray: true, formatAsRGBA: true });
  const data = new Uint8Array(decoded.width * decoded.height * 3);
  for (let i = 0; i < decoded.width * decoded.height; i += 1) data.set(decoded.data.subarray(4 * i, 4 * i + 3), 3 * i);
  return { mode: 'RGB', width: decoded.width, height: decoded.height, data };
}

/** PIL's `DIV255` blend of `paste_mask_L`: `in·mask + out·(255 − mask)` over 255, rounded its way. */
function blendOnWhite(value: number, alpha: number): number {
  const tmp = 255 * (255 - alpha) + value * alpha + 128;
  return ((tmp >> 8) + tmp) >> 8;
}

/** The loader's RGB conversion: transparency modes pasted onto white by their alpha, any other mode `convert("RGB")`. */
function toRgb(image: PilImage): RgbImage {
  const { width, height, data } = image;
  const n = width * height;
  const out = new Uint8Array(n * 3);
  for (let i = 0; i < n; i += 1) {
    let [r, g, b, a] = [0, 0, 0, 255];
    if (image.mode === 'RGB') [r, g, b] = [data[3 * i], data[3 * i + 1], data[3 * i + 2]];
    else if (image.mode === 'RGBA') [r, g, b, a] = [data[4 * i], data[4 * i + 1], data[4 * i + 2], data[4 * i + 3]];
    else if (image.mode === 'LA') [r, g, b, a] = [data[2 * i], data[2 * i], data[2 * i], data[2 * i + 1]];
    else if (image.mode === 'P') {
      const p = 4 * data[i];
      const palette = image.palette as Uint8Array;
      [r, g, b, a] = [palette[p], palette[p + 1], palette[p + 2], palette[p + 3]];
    } else {
      // `1`, `L` and (clipped) `I` become gray RGB.
      r = g = b = Math.min(Math.max(data[i], 0), 255);
    }
    if (image.mode === 'RGBA' || image.mode === 'LA' || image.mode === 'P') [r, g, b] = [blendOnWhite(r, a), blendOnWhite(g, a), blendOnWhite(b, a)];
    out[3 * i] = r;
    out[3 * i + 1] = g;
    out[3 * i + 2] = b;
  }
  return { width, height, data: out };
}

/** `Image.thumbnail`'s `preserve_aspect_ratio`: the target size, or null when the image already fits. */
export function thumbnailSize(width: number, height: number, maxWidth: number, maxHeight: number): [number, number] | null {
  if (maxWidth >= width && maxHeight >= height) return null;
  const aspect = width / height;
  // `round_aspect`: floor or ceil, whichever keeps the aspect closer (floor on a tie), at least 1.
  const roundAspect = (value: number, key: (n: number) => number) => {
    const [lo, hi] = [Math.floor(value), Math.ceil(value)];
    return Math.max(key(hi) < key(lo) ? hi : lo, 1);
  };
  if (maxWidth / maxHeight >= aspect) return [roundAspect(maxHeight * aspect, (n) => Math.abs(aspect - n / maxHeight)), maxHeight];
  return [maxWidth, roundAspect(maxWidth / aspect, (n) => (n === 0 ? 0 : Math.abs(aspect - maxWidth / n)))];
}

const PRECISION_BITS = 32 - 8 - 2;

function sinc(x: number): number {
  if (x === 0) return 1;
  const px = x * Math.PI;
  return Math.sin(px) / px;
}

function lanczos(x: number): number {
  return x >= -3 && x < 3 ? sinc(x) * sinc(x / 3) : 0;
}

/** `precompute_coeffs` + `normalize_coeffs_8bpc` (Resample.c) for one axis, box = the whole input. */
function coefficients(inSize: number, outSize: number): { bounds: Int32Array; kk: Int32Array; ksize: number } {
  const scale = inSize / outSize;
  const filterscale = Math.max(scale, 1);
  const support = 3 * filterscale;
  const ksize = Math.ceil(support) * 2 + 1;
  const bounds = new Int32Array(outSize * 2);
  const kk = new Int32Array(outSize * ksize);
  const weights = new Float64Array(ksize);
  for (let xx = 0; xx < outSize; xx += 1) {
    const center = (xx + 0.5) * scale;
    const ss = 1 / filterscale;
    const xmin = Math.max(Math.trunc(center - support + 0.5), 0);
    const xmax = Math.min(Math.trunc(center + support + 0.5), inSize) - xmin;
    let ww = 0;
    for (let x = 0; x < xmax; x += 1) {
      weights[x] = lanczos((x + xmin - center + 0.5) * ss);
      ww += weights[x];
    }
    for (let x = 0; x < xmax; x += 1) {
      const k = ww !== 0 ? weights[x] / ww : weights[x];
      kk[xx * ksize + x] = Math.trunc(k < 0 ? -0.5 + k * (1 << PRECISION_BITS) : 0.5 + k * (1 << PRECISION_BITS));
    }
    bounds[2 * xx] = xmin;
    bounds[2 * xx + 1] = xmax;
  }
  return { bounds, kk, ksize };
}

const clip8 = (sum: number) => Math.min(Math.max(sum >> PRECISION_BITS, 0), 255);

/** `ImagingResample(LANCZOS)` of an RGB image: the horizontal pass first, then the vertical one. */
function resampleLanczos(image: RgbImage, outWidth: number, outHeight: number): RgbImage {
  let current = image;
  if (outWidth !== image.width) {
    const { bounds, kk, ksize } = coefficients(image.width, outWidth);
    const data = new Uint8Array(outWidth * image.height * 3);
    for (let y = 0; y < image.height; y += 1) {
      for (let xx = 0; xx < outWidth; xx += 1) {
        const [xmin, xmax] = [bounds[2 * xx], bounds[2 * xx + 1]];
        for (let c = 0; c < 3; c += 1) {
          let ss = 1 << (PRECISION_BITS - 1);
          for (let x = 0; x < xmax; x += 1) ss += image.data[(y * image.width + x + xmin) * 3 + c] * kk[xx * ksize + x];
          data[(y * outWidth + xx) * 3 + c] = clip8(ss);
        }
      }
    }
    current = { width: outWidth, height: image.height, data };
  }
  if (outHeight !== image.height) {
    const { bounds, kk, ksize } = coefficients(image.height, outHeight);
    const data = new Uint8Array(outWidth * outHeight * 3);
    for (let yy = 0; yy < outHeight; yy += 1) {
      const [ymin, ymax] = [bounds[2 * yy], bounds[2 * yy + 1]];
      for (let x = 0; x < outWidth; x += 1) {
        for (let c = 0; c < 3; c += 1) {
          let ss = 1 << (PRECISION_BITS - 1);
          for (let y = 0; y < ymax; y += 1) ss += current.data[((y + ymin) * outWidth + x) * 3 + c] * kk[yy * ksize + y];
          data[(yy * outWidth + x) * 3 + c] = clip8(ss);
        }
      }
    }
    current = { width: outWidth, height: outHeight, data };
  }
  return current;
}

/** `Image.open` for the formats this engine reads; null for any other (upstream's PIL reads more, see the README). */
function openImage(bytes: Uint8Array): PilImage | null {
  if (isPng(bytes)) return decodePng(bytes);
  if (isJpeg(bytes)) return decodeJpegSource(bytes);
  return null;
}

/**
 * The loader's `try:` block: the image flattened to RGB, shrunk to `maxDimension` if larger, re-encoded as JPEG.
 * Returns the original bytes when the image cannot be read, as upstream does when PIL raises.
 */
export function reencodeAsJpeg(bytes: Uint8Array, options: { maxDimension: number | null; quality: number }): Uint8Array {
  let image: PilImage | null;
  try {
    image = openImage(bytes);
  } catch {
    return bytes;
  }
  if (image === null) throw new Error('mathvista: image is neither PNG nor JPEG; its PIL decoding is not ported');
  let rgb = toRgb(image);
  const { maxDimension } = options;
  if (maxDimension !== null && Math.max(rgb.width, rgb.height) > maxDimension) {
    const size = thumbnailSize(rgb.width, rgb.height, maxDimension, maxDimension);
    if (size) {
      if (Math.trunc(rgb.width / size[0] / 2) > 1 || Math.trunc(rgb.height / size[1] / 2) > 1) {
        throw new Error(`mathvista: a ${rgb.width}x${rgb.height} image needs PIL's reduce() before resampling, which is not ported`);
      }
      rgb = resampleLanczos(rgb, size[0], size[1]);
    }
  }
  return encodeJpegLikePil(rgb, options.quality);
}
