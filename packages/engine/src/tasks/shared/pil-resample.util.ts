/**
 * PIL's `Image.thumbnail` size rule and its `ImagingResample` (Resample.c) with the Lanczos filter, for 8-bit RGB
 * images. The filter weights use JavaScript's `Math.sin`, which may differ from C's `sin` in the last bit; after the
 * weights are rounded to 22-bit fixed point that has not changed an output byte in the tests.
 */
import type { RgbImage } from './jpeg-encoder.util';

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
export function resampleLanczos(image: RgbImage, outWidth: number, outHeight: number): RgbImage {
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
