import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeJpegLikePil } from './jpeg-decoder.util';
import { reencodeAsJpeg, saveAsJpegLikePil } from './pil-image.util';
import { thumbnailSize } from './pil-resample.util';

// Synthetic images and what Debian's Pillow 9.4 (libjpeg-turbo 2.1.5) makes of them through openbench's MathVista
// loader steps; see test/fixtures/images/pil-jpeg/SOURCE.md.
const DIR = join(__dirname, '../../../test/fixtures/images/pil-jpeg');
const read = (file: string) => new Uint8Array(readFileSync(join(DIR, file)));
interface Case {
  name: string;
  source: string;
  mode: string;
  max_dimension: number;
}
const cases = JSON.parse(readFileSync(join(DIR, 'cases.json'), 'utf8')) as Case[];
const jpegCases = cases.filter((c) => c.source.endsWith('.jpg'));

test('the fixture set covers every PNG mode, baseline and progressive JPEG, and a resize on each axis', () => {
  expect(new Set(cases.filter((c) => c.source.endsWith('.png')).map((c) => c.mode))).toEqual(new Set(['RGBA', 'LA', 'L', '1', 'P', 'RGB', 'I']));
  expect(jpegCases.map((c) => c.name)).toEqual([
    'jpeg-420',
    'jpeg-422-odd',
    'jpeg-444-progressive',
    'jpeg-420-progressive',
    'jpeg-gray',
    'jpeg-2x3',
    'jpeg-resize',
  ]);
  expect(cases.filter((c) => c.max_dimension < 1536).map((c) => c.name)).toEqual(['resize-wide', 'resize-tall', 'jpeg-resize']);
});

test.each(cases.map((c) => [c.name, c.mode, c] as const))('%s (PIL mode %s) re-encodes to the bytes PIL writes', (_name, _mode, c) => {
  const out = reencodeAsJpeg(read(c.source), { maxDimension: c.max_dimension, quality: 75 });
  expect(Buffer.from(out).equals(Buffer.from(read(`${c.name}.pil.jpg`)))).toBe(true);
});

// The OCRBench v2 loader's step: RGBA/LA/P `convert("RGB")` (alpha dropped), `L`/`1` kept gray, saved with PIL's
// defaults (quality 75, standard Huffman tables); `ocrbenchv2-reference.py` wrote the references.
const ocrbenchCases = cases.filter((c) => c.mode !== 'I');
test.each(ocrbenchCases.map((c) => [c.name, c.mode, c] as const))('%s (PIL mode %s) saves as the JPEG the OCRBench v2 loader writes', (_name, _mode, c) => {
  const out = saveAsJpegLikePil(read(c.source));
  expect(Buffer.from(out).equals(Buffer.from(read(`${c.name}.ocrbenchv2.jpg`)))).toBe(true);
});

test('a mode-I image fails the OCRBench v2 load with the error PIL raises', () => {
  expect(() => saveAsJpegLikePil(read('gray16.png'))).toThrow('cannot write mode I as JPEG');
});

test.each(jpegCases.map((c) => [c.name, c] as const))('%s decodes to the pixels PIL reads', (_name, c) => {
  const decoded = decodeJpegLikePil(read(c.source));
  expect(decoded.mode).toBe(c.mode);
  expect(Buffer.from(decoded.data).equals(Buffer.from(read(`${c.name}.pixels`)))).toBe(true);
});

test('bytes that are not an image are sent unchanged, as upstream keeps them when PIL raises', () => {
  const broken = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 1]);
  expect(reencodeAsJpeg(broken, { maxDimension: 1536, quality: 75 })).toBe(broken);
});

test('a JPEG feature PIL reads but this decoder does not is refused, not sent as it is', () => {
  // SOF3 (lossless) header: 8-bit, 1×1, one component.
  const lossless = new Uint8Array([0xff, 0xd8, 0xff, 0xc3, 0, 11, 8, 0, 1, 0, 1, 1, 1, 0x11, 0, 0xff, 0xd9]);
  expect(() => reencodeAsJpeg(lossless, { maxDimension: 1536, quality: 75 })).toThrow('JPEG: SOF3 (lossless or arithmetic coding) is not supported');
});

test('thumbnail sizes follow PIL: aspect kept, floor or ceil whichever is closer, never 0', () => {
  expect(thumbnailSize(90, 41, 32, 32)).toEqual([32, 15]);
  expect(thumbnailSize(23, 77, 32, 32)).toEqual([10, 32]);
  expect(thumbnailSize(3000, 2, 1536, 1536)).toEqual([1536, 1]);
  expect(thumbnailSize(1536, 1000, 1536, 1536)).toBeNull();
});
