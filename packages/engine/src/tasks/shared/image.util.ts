/**
 * openbench's image helpers (`src/openbench/utils/image.py`): the bytes of a dataset's image cell, their MIME type by
 * magic bytes, and the base64 data URI every vision task sends inline.
 */
import type { ContentImage } from '@studio/providers';

/**
 * `extract_image_bytes`: the Hugging Face Image feature's `{bytes, path}` struct or raw bytes (read from parquet
 * with `binary: true`). A PIL image, the third form upstream takes, cannot come out of a parquet file.
 */
export function extractImageBytes(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (data !== null && typeof data === 'object' && 'bytes' in data && (data as { bytes: unknown }).bytes instanceof Uint8Array) {
    return (data as { bytes: Uint8Array }).bytes;
  }
  throw new Error(`Unsupported image data format: ${data === null ? 'None' : typeof data}. Expected dict with 'bytes' key, raw bytes, or PIL Image.`);
}

const SIGNATURES: readonly (readonly [readonly number[], string])[] = [
  [[0xff, 0xd8, 0xff], 'image/jpeg'],
  [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'image/png'],
  [[0x47, 0x49, 0x46, 0x38, 0x37, 0x61], 'image/gif'],
  [[0x47, 0x49, 0x46, 0x38, 0x39, 0x61], 'image/gif'],
  [[0x42, 0x4d], 'image/bmp'],
  [[0x52, 0x49, 0x46, 0x46], 'image/webp'],
  [[0x49, 0x49, 0x2a, 0x00], 'image/tiff'],
  [[0x4d, 0x4d, 0x00, 0x2a], 'image/tiff'],
  [[0x00, 0x00, 0x01, 0x00], 'image/ico'],
  [[0x00, 0x00, 0x02, 0x00], 'image/ico'],
];

/** `detect_image_mime_type`: the first matching signature, `image/png` for anything shorter than 4 bytes or unknown. */
export function detectImageMimeType(bytes: Uint8Array): string {
  if (bytes.length < 4) return 'image/png';
  for (const [signature, mime] of SIGNATURES) if (signature.every((byte, i) => bytes[i] === byte)) return mime;
  return 'image/png';
}

/** `image_bytes_to_data_uri`. */
export function imageBytesToDataUri(bytes: Uint8Array): string {
  return `data:${detectImageMimeType(bytes)};base64,${Buffer.from(bytes).toString('base64')}`;
}

/**
 * A dataset image as openbench sends it: `compress_image(bytes, max_size_mb=…)` then a data URI. Upstream re-encodes
 * an image above the size limit as JPEG with PIL; that re-encoding is not ported here (only MathVista's loader step is,
 * in `pil-image.util.ts`), so such an image is sent as it is (what upstream itself does when its re-encoding fails).
 * Images of the benchmarks' datasets are far below the limits.
 */
export function datasetImage(data: unknown): ContentImage {
  return { type: 'image', image: imageBytesToDataUri(extractImageBytes(data)) };
}
