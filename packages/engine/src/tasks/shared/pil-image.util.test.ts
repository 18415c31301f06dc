import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode as decodeJpeg } from 'jpeg-js';
import { encodeJpegLikePil } from './jpeg-encoder.util';
import { reencodeAsJpeg } from './pil-image.util';
import { thumbnailSize } from './pil-resample.util';

// Synthetic images and the bytes Debian's Pillow 9.4 (libjpeg-turbo 2.1.5) writes for them through openbench's
// MathVista loader steps; see test/fixtures/images/pil-jpeg/SOURCE.md.
const DIR = join(__dirname, '../../../test/fixtures/images/pil-jpeg');
const read = (file: string) => new Uint8Array(readFileSync(join(DIR, file)));
interface Case {
  name: string;
  source: string;
  mode: string;
  max_dimension: number;
}
const cases = JSON.parse(readFileSync(join(DIR, 'cases.json'), 'utf8')) as Case[];
const pngCases = cases.filter((c) => c.source.endsWith('.png'));

test('the fixture set covers every PNG mode the loader distinguishes, and a resize on each axis', () => {
  expect(new Set(pngCases.map((c) => c.mode))).toEqual(new Set(['RGBA', 'LA', 'L', '1', 'P', 'RGB', 'I']));
  expect(pngCases.filter((c) => c.max_dimension < 1536).map((c) => c.name)).toEqual(['resize-wide', 'resize-tall']);
});

test.each(pngCases.map((c) => [c.name, c.mode, c] as const))('%s (PIL mode %s) re-encodes to the bytes PIL writes', (_name, _mode, c) => {
  const out = reencodeAsJpeg(read(c.source), { maxDimension: c.max_dimension, quality: 75 });
  expect(Buffer.from(out).equals(Buffer.from(read(`${c.name}.pil.jpg`)))).toBe(true);
});

/** Largest and mean absolute difference of two equally sized pixel buffers. */
function diff(a: Uint8Array, b: Uint8Array): { max: number; mean: number } {
  let [max, sum] = [0, 0];
  a.forEach((value, i) => {
    max = Math.max(max, Math.abs(value - b[i]));
    sum += Math.abs(value - b[i]);
  });
  return { max, mean: sum / a.length };
}
const rgbOf = (jpeg: Uint8Array) => {
  const { width, height, data } = decodeJpeg(jpeg, { useTArray: true, formatAsRGBA: false });
  return { width, height, data };
};

test('a JPEG source is decoded by jpeg-js close to PIL (libjpeg-turbo) and re-encoded from those pixels', () => {
  const pilPixels = read('photo.pil-rgb.bin');
  const decoded = rgbOf(read('photo.jpg'));
  expect([decoded.width, decoded.height]).toEqual([40, 30]);
  // Measured on this image: jpeg-js's IDCT and chroma upsampling differ from libjpeg-turbo's by at most 9 levels,
  // 2.18 on average over all samples; the bounds leave a little room and still catch a wrong decode.
  const decodeDiff = diff(decoded.data, pilPixels);
  expect(decodeDiff.max).toBeLessThanOrEqual(10);
  expect(decodeDiff.mean).toBeLessThan(2.5);
  const out = reencodeAsJpeg(read('photo.jpg'), { maxDimension: 1536, quality: 75 });
  expect(Buffer.from(out).equals(Buffer.from(encodeJpegLikePil(decoded, 75)))).toBe(true);
  // What the model sees: this engine's and PIL's re-encodings, decoded alike, differ by at most 7 levels (measured),
  // 1.18 on average.
  const sentDiff = diff(rgbOf(out).data, rgbOf(read('photo.pil.jpg')).data);
  expect(sentDiff.max).toBeLessThanOrEqual(8);
  expect(sentDiff.mean).toBeLessThan(1.5);
});

test('bytes that are not an image are sent unchanged, as upstream keeps them when PIL raises', () => {
  const broken = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 1]);
  expect(reencodeAsJpeg(broken, { maxDimension: 1536, quality: 75 })).toBe(broken);
});

test('thumbnail sizes follow PIL: aspect kept, floor or ceil whichever is closer, never 0', () => {
  expect(thumbnailSize(90, 41, 32, 32)).toEqual([32, 15]);
  expect(thumbnailSize(23, 77, 32, 32)).toEqual([10, 32]);
  expect(thumbnailSize(3000, 2, 1536, 1536)).toEqual([1536, 1]);
  expect(thumbnailSize(1536, 1000, 1536, 1536)).toBeNull();
});
