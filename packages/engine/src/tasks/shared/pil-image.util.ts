/**
 * The image preparation of openbench's MathVista loader (`datasets/mathvista.py` `record_to_sample`), with PIL
 * 9.4-era semantics: open the image, flatten transparency onto white (`Image.new("RGB", size, white).paste(img,
 * mask=alpha)`) or `convert("RGB")`, `thumbnail((max, max), LANCZOS)` when larger, and save as JPEG at the given
 * quality with `optimize=True`. PNG is decoded into PIL's modes by `png-decoder.util.ts`, JPEG by
 * `jpeg-decoder.util.ts` (libjpeg-turbo's pixels), the resize is `pil-resample.util.ts` and the encoder
 * `jpeg-encoder.util.ts` (libjpeg-turbo's bytes). Not ported: PIL's DCT-domain `draft` shrink of JPEGs and the
 * `reduce()` step that `reducing_gap=2.0` adds, both only for images 4× larger than the target (6144 px at the
 * default 1536); such an image is refused rather than sent differently.
 */
import { decodeJpegLikePil, UnsupportedJpegError } from './jpeg-decoder.util';
import { encodeJpegLikePil, type RgbImage } from './jpeg-encoder.util';
import { decodePng, isPng, type PilImage } from './png-decoder.util';
import { resampleLanczos, thumbnailSize } from './pil-resample.util';

function isJpeg(bytes: Uint8Array): boolean {
  return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** PIL's `DIV255` blend of `paste_mask_L`: `in·mask + out·(255 − mask)` over 255, rounded its way. */
function blendOnWhite(value: number, alpha: number): number {
  const tmp = 255 * (255 - alpha) + value * alpha + 128;
  return ((tmp >> 8) + tmp) >> 8;
}

/**
 * An image's pixels as RGB. `onWhite` is MathVista's conversion (transparency modes pasted onto white by their alpha);
 * without it, PIL's plain `convert("RGB")`, which drops the alpha. Other modes: `convert("RGB")` either way.
 */
function toRgb(image: PilImage, onWhite: boolean): RgbImage {
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
    if (onWhite && (image.mode === 'RGBA' || image.mode === 'LA' || image.mode === 'P')) [r, g, b] = [blendOnWhite(r, a), blendOnWhite(g, a), blendOnWhite(b, a)];
    out[3 * i] = r;
    out[3 * i + 1] = g;
    out[3 * i + 2] = b;
  }
  return { width, height, data: out };
}

/** `Image.open` for the formats this engine reads; null for any other (upstream's PIL reads more, see the README). */
function openImage(bytes: Uint8Array): PilImage | null {
  if (isPng(bytes)) return decodePng(bytes);
  if (isJpeg(bytes)) return decodeJpegLikePil(bytes);
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
  } catch (error) {
    // A JPEG feature PIL reads but this decoder does not is refused; a file PIL could not read either goes unchanged.
    if (error instanceof UnsupportedJpegError) throw error;
    return bytes;
  }
  if (image === null) throw new Error('mathvista: image is neither PNG nor JPEG; its PIL decoding is not ported');
  let rgb = toRgb(image, true);
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
  return encodeJpegLikePil(rgb, options.quality, { optimize: true });
}

/**
 * The OCRBench v2 loader's step (`datasets/ocrbenchv2.py`): the decoded image, `convert("RGB")` when its mode is RGBA,
 * LA or P, saved with `pil_image_to_bytes(image, format="JPEG")` (PIL's defaults: quality 75, standard Huffman
 * tables). `L` and `1` images stay one-component JPEGs, as PIL writes them. An image that cannot be decoded here, or
 * one PIL cannot save as JPEG (mode `I`), throws: upstream has no fallback for either.
 */
export function saveAsJpegLikePil(bytes: Uint8Array): Uint8Array {
  const image = openImage(bytes);
  if (image === null) throw new Error('ocrbenchv2: image is neither PNG nor JPEG; its PIL decoding is not ported');
  if (image.mode === 'I') throw new Error('cannot write mode I as JPEG');
  if (image.mode === 'L' || image.mode === '1') {
    return encodeJpegLikePil({ width: image.width, height: image.height, data: image.data as Uint8Array }, 75, { optimize: false, gray: true });
  }
  return encodeJpegLikePil(toRgb(image, false), 75, { optimize: false });
}
